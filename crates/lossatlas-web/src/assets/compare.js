(function () {
  // The static copy has one precomputed overlay; other selections show each entry's own plot.
  var fig = document.getElementById('overlay'), p = new URLSearchParams(location.search);
  if (!fig || !p.get('ids') || p.get('ids') === fig.dataset.ids) return;
  var ids = p.get('ids').split(',').map(function (s) { return s.trim(); }).filter(Boolean);
  document.getElementById('ids').value = ids.join(',');
  Array.prototype.forEach.call(document.querySelectorAll('.for-ids'), function (e) { e.hidden = true; });
  fig.replaceChildren();
  ids.forEach(function (id) {
    var img = document.createElement('img');
    img.className = 'plot'; img.src = 'plot/' + encodeURIComponent(id) + '.svg'; img.alt = 'Loss and derivative of ' + id; img.width = 900; img.height = 340;
    fig.append(img);
  });
  var cap = document.createElement('figcaption');
  cap.textContent = 'This static copy overlays only precomputed sets; each entry is shown on its own plot.';
  fig.append(cap);
})();
