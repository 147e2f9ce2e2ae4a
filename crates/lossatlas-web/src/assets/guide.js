(function () {
  var form = document.getElementById('guide'), answer = document.getElementById('answer');
  if (!form || !answer) return;
  var seq = 0;
  function qs() {
    var p = new URLSearchParams();
    new FormData(form).forEach(function (v, k) { if (v !== '') p.append(k, v); });
    return p.toString();
  }
  // The static copy holds every task's answer with each condition's entries; show the chosen ones.
  function local() {
    var task = form.elements.task.value, conds = [];
    Array.prototype.forEach.call(form.querySelectorAll('input[name=cond]:checked'), function (c) { conds.push(c.value); });
    Array.prototype.forEach.call(answer.querySelectorAll('[data-task]'), function (b) {
      b.hidden = b.dataset.task !== task;
      if (b.hidden) return;
      var seen = {};
      Array.prototype.forEach.call(b.querySelectorAll('[data-cond]'), function (li) {
        var on = li.dataset.cond === '' || conds.indexOf(li.dataset.cond) >= 0;
        if (li.dataset.id) { on = on && !seen[li.dataset.id]; if (on) seen[li.dataset.id] = 1; }
        li.hidden = !on;
      });
    });
    var none = answer.querySelector('.choose');
    if (none) none.hidden = !!task;
  }
  function update() {
    var q = qs(), my = ++seq;
    history.replaceState(null, '', location.pathname + (q ? '?' + q : ''));
    if (form.dataset.static === '1') return local();
    fetch(form.action + (q ? '?' + q : '')).then(function (r) { return r.text(); }).then(function (html) {
      if (my !== seq) return;
      var doc = new DOMParser().parseFromString(html, 'text/html'), fresh = doc.getElementById('answer');
      if (fresh) answer.replaceChildren.apply(answer, Array.prototype.slice.call(fresh.childNodes));
    });
  }
  form.addEventListener('change', update);
  form.addEventListener('submit', function (e) { e.preventDefault(); update(); });
  if (form.dataset.static === '1') {
    var p = new URLSearchParams(location.search);
    if (p.get('task')) form.elements.task.value = p.get('task');
    Array.prototype.forEach.call(form.querySelectorAll('input[name=cond]'), function (c) { c.checked = p.getAll('cond').indexOf(c.value) >= 0; });
    local();
  }
})();
