(function () {
  var form = document.getElementById('playground'), out = document.getElementById('result');
  if (!form || !out || !form.dataset.api) return;
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
  function tensor(t) { return 'shape [' + t.shape.join(', ') + ']: ' + JSON.stringify(t.shape.length ? t.data : t.data[0]); }
  function error(msg) { out.replaceChildren(el('h2', null, 'Error'), el('p', null, msg)); out.className = 'result error'; out.setAttribute('role', 'alert'); out.hidden = false; }
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var body = { id: form.dataset.id, precision: form.elements.precision.value };
    if (form.elements.form) body.form = form.elements.form.value || null;
    try { body.params = JSON.parse(form.elements.params.value || '{}'); } catch (e) { return error('params: not JSON: ' + e.message); }
    try { body.inputs = JSON.parse(form.elements.inputs.value); } catch (e) { return error('inputs: not JSON: ' + e.message); }
    var button = form.querySelector('button[type=submit]');
    button.disabled = true;
    fetch(form.dataset.api, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { return [r.ok, j]; }); })
      .then(function (x) {
        if (!x[0]) return error(x[1].error || 'the request failed');
        var j = x[1], dl = el('dl', 'kv');
        dl.append(el('dt', null, 'loss'), el('dd', null)); dl.lastChild.append(el('code', 'value', tensor(j.loss)));
        Object.keys(j.grad).forEach(function (k) { dl.append(el('dt', null, '∂ sum(loss) / ∂ ' + k), el('dd', null)); dl.lastChild.append(el('code', null, tensor(j.grad[k]))); });
        out.replaceChildren(el('h2', null, 'Result'), dl); out.className = 'result'; out.removeAttribute('role'); out.hidden = false;
      })
      .catch(function (e) { error('the request failed: ' + e.message); })
      .finally(function () { button.disabled = false; });
  });
})();
