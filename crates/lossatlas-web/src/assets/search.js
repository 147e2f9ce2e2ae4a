(function () {
  var form = document.getElementById('search'), list = document.getElementById('results'), count = document.getElementById('count');
  if (!form || !list) return;
  var cards = {}, all = [];
  Array.prototype.forEach.call(list.children, function (li) { cards[li.dataset.id] = li; all.push(li); });
  var api = form.dataset.api, timer = null, seq = 0;
  function params() {
    var p = new URLSearchParams();
    new FormData(form).forEach(function (v, k) { if (v !== '') p.append(k, v); });
    if (p.get('sort') === 'relevance') p.delete('sort');
    return p;
  }
  function show(ids) {
    all.forEach(function (li) { li.hidden = true; });
    ids.forEach(function (id) { var li = cards[id]; if (li) { li.hidden = false; list.appendChild(li); } });
    all.forEach(function (li) { if (li.hidden) list.appendChild(li); });
    count.textContent = ids.length + ' of ' + all.length + ' entries';
  }
  // Without a server (the static export): filter the cards by their data attributes.
  function local(p) {
    var words = (p.get('q') || '').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
    var since = +p.get('since') || -1e9, until = +p.get('until') || 1e9, props = p.getAll('prop');
    var hits = [];
    all.forEach(function (li) {
      var d = li.dataset, year = +d.year;
      if (p.get('domain') && d.domains.split(' ').indexOf(p.get('domain')) < 0) return;
      if (p.get('kind') && d.kind !== p.get('kind')) return;
      if (p.get('status') && d.status !== p.get('status')) return;
      if (year < since || year > until) return;
      if (props.some(function (x) { return d.props.split(' ').indexOf(x) < 0; })) return;
      var name = d.name.toLowerCase(), text = (li.textContent + ' ' + d.keys).toLowerCase(), score = 0;
      for (var i = 0; i < words.length; i++) {
        var w = words[i];
        if (name.indexOf(w) === 0 || d.keys.split(' ').indexOf(w) >= 0) score += 10;
        else if (name.indexOf(w) >= 0) score += 5;
        else if (text.indexOf(w) >= 0) score += 1;
        else return;
      }
      hits.push([score, year, name, d.id]);
    });
    var s = p.get('sort') || 'relevance';
    hits.sort(function (a, b) {
      if (s === 'year') return a[1] - b[1] || (a[3] < b[3] ? -1 : 1);
      if (s === 'name') return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
      return b[0] - a[0] || a[1] - b[1] || (a[3] < b[3] ? -1 : 1);
    });
    return hits.map(function (h) { return h[3]; });
  }
  function update() {
    var p = params(), my = ++seq, qs = p.toString(), nav = document.querySelector('.domain-nav');
    history.replaceState(null, '', location.pathname + (qs ? '?' + qs : ''));
    // Browsing by domain is for an empty search; while searching, the results come first.
    if (nav) nav.hidden = qs !== '';
    var done = function (ids) { if (my === seq) show(ids); };
    if (!api) return done(local(p));
    fetch(api + '?' + qs).then(function (r) {
      return r.ok ? r.json().then(function (j) { done(j.results.map(function (x) { return x.id; })); }) : done(local(p));
    }).catch(function () { done(local(p)); });
  }
  form.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(update, 120); });
  form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); update(); });
  if (!api && location.search) {
    var p = new URLSearchParams(location.search);
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !p.has(el.name)) return;
      if (el.type === 'checkbox') el.checked = p.getAll(el.name).indexOf(el.value) >= 0; else el.value = p.get(el.name);
    });
    if (p.get('domain') || p.get('kind') || p.get('status') || p.get('since') || p.get('until') || p.get('prop') || p.get('sort')) form.querySelector('details').open = true;
    update();
  }
})();
