import { afterEach, beforeEach, expect, it } from 'vitest';
import { fakeCollector, testConfig } from '../test-client.fixture.js';
import { createClient } from '../client.js';
import type { Client } from '../types.js';
import { dataProperties, declarative } from './declarative.js';

let c: Client | undefined;
beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '';
});
afterEach(() => c?.stop());

it('tags clicks on elements added after start, with data-touchpoint-* properties', async () => {
  const col = fakeCollector();
  c = createClient(testConfig(col), [declarative]);
  document.body.innerHTML = '<button data-touchpoint="wishlist_add" data-touchpoint-product-id="sku-42" data-touchpoint-price="59.9" data-touchpoint-code="007"><span id="inner">♥</span></button>';
  document.getElementById('inner')!.click();
  document.body.insertAdjacentHTML('beforeend', '<a id="chat" data-touchpoint="support_open" data-touchpoint-widget="demo-chat">Help</a>');
  document.getElementById('chat')!.click();
  await c.flush();
  const [wish, support] = col.events();
  expect(wish).toMatchObject({ name: 'wishlist_add', properties: { product_id: 'sku-42', price: 59.9, code: '007' } });
  expect(support).toMatchObject({ name: 'support_open', properties: { widget: 'demo-chat' }, stage: { phase: 'after', p5: 'post' } });
});

it('tags even when a page handler stops propagation', async () => {
  const col = fakeCollector();
  c = createClient(testConfig(col), [declarative]);
  document.body.innerHTML = '<button id="b" data-touchpoint="promo_click">x</button>';
  document.getElementById('b')!.addEventListener('click', (e) => e.stopPropagation());
  document.getElementById('b')!.click();
  await c.flush();
  expect(col.names()).toEqual(['promo_click']);
});

it('tags a sign-up form on a successful submit, not on click or on a prevented submit', async () => {
  const col = fakeCollector();
  c = createClient(testConfig(col), [declarative]);
  document.body.innerHTML = '<form id="f" data-touchpoint="sign_up" data-touchpoint-method="email"><input type="email"><button id="go">Join</button></form>';
  const form = document.getElementById('f') as HTMLFormElement;
  form.click(); // a click on the form is not a sign-up
  let block = true;
  form.addEventListener('submit', (e) => block && e.preventDefault());
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })); // validation failed: prevented
  block = false;
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  await c.flush();
  expect(col.events().map((e) => [e.name, e.properties])).toEqual([['sign_up', { method: 'email' }]]);
});

it('maps data attributes to snake_case properties', () => {
  const el = document.createElement('div');
  el.setAttribute('data-touchpoint', 'x');
  el.setAttribute('data-touchpoint-order-id', 'A-1');
  el.setAttribute('data-touchpoint-qty', '3');
  expect(dataProperties(el)).toEqual({ order_id: 'A-1', qty: 3 });
});
