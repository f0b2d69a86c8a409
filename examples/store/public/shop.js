// The demo shop's own script: a cart in localStorage and the touchpoints it tags. `tp` calls the SDK's
// method when it has loaded and otherwise queues through the loader snippet, so no call is lost.
function tp(method) {
  var args = Array.prototype.slice.call(arguments, 1);
  var t = window.touchpoint;
  if (t && typeof t[method] === 'function') t[method].apply(t, args);
  else if (typeof t === 'function') t.apply(null, [method].concat(args));
}

var cart = {
  read: function () { try { return JSON.parse(localStorage.getItem('demo-cart') || '[]'); } catch (e) { return []; } },
  add: function (item) { var c = cart.read(); c.push(item); localStorage.setItem('demo-cart', JSON.stringify(c)); },
  clear: function () { localStorage.removeItem('demo-cart'); },
  value: function () { return cart.read().reduce(function (s, i) { return s + i.price * (i.quantity || 1); }, 0); },
};

document.addEventListener('click', function (e) {
  var add = e.target.closest('[data-add-to-cart]');
  if (add) {
    cart.add({ id: add.dataset.id, name: add.dataset.name, price: Number(add.dataset.price), quantity: 1 });
    location.href = '/checkout/shipping.html';
  }
  var support = e.target.closest('.support');
  if (support) document.getElementById('support-panel').hidden = false;
  var nps = e.target.closest('[data-nps]');
  if (nps) {
    tp('feedback', { score: Number(nps.dataset.nps), scale: 'nps', touchpoint: 'purchase' });
    document.getElementById('nps').innerHTML = '<p>Thanks for your feedback!</p>';
  }
});
