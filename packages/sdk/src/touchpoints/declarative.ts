import { TOUCHPOINT, type Properties } from '@touchpoint/schema';
import type { Client, Feature } from '../types.js';

/** `data-touchpoint-order-id="42"` → `{ order_id: 42 }`: numbers that round-trip stay numbers, the rest strings. */
export function dataProperties(el: Element): Properties {
  const p: Properties = {};
  for (const a of Array.from(el.attributes)) {
    const m = /^data-touchpoint-(.+)$/.exec(a.name);
    if (m) p[m[1]!.replace(/-/g, '_')] = a.value && String(+a.value) === a.value ? +a.value : a.value;
  }
  return p;
}

function send(client: Client, el: Element) {
  const name = el.getAttribute('data-touchpoint') || '';
  const p = dataProperties(el);
  if (name == TOUCHPOINT.supportOpen) client.supportOpen(String(p.widget || 'site'), p);
  else client.tag(name, p);
}

/**
 * Declarative tagging with two listeners for the whole document, so elements added later work too:
 * a click on (or inside) any element with `data-touchpoint="name"` tags `name` with its
 * `data-touchpoint-*` attributes as properties; a form with `data-touchpoint` tags on a successful
 * submit instead of on click. "Successful" means the `submit` event reached `window` (the end of its
 * propagation, after the page's own handlers) without `preventDefault()`: the browser has already
 * passed constraint validation and will navigate. Forms submitted by script (`preventDefault` + fetch)
 * should call `signUp()` when the server accepts. Off with `declarative: false`.
 */
export const declarative: Feature = (client, c) => {
  if (c.declarative === false) return;
  const click = (e: Event) => {
    const el = (e.target as Element | null)?.closest?.('[data-touchpoint]');
    if (el && el.tagName != 'FORM') send(client, el);
  };
  const submit = (e: Event) => {
    const f = e.target as Element | null;
    if (!e.defaultPrevented && f && f.tagName == 'FORM' && f.hasAttribute('data-touchpoint')) send(client, f);
  };
  // Capture for clicks: a handler calling stopPropagation() must not hide the touchpoint.
  document.addEventListener('click', click, true);
  addEventListener('submit', submit);
  return () => {
    document.removeEventListener('click', click, true);
    removeEventListener('submit', submit);
  };
};
