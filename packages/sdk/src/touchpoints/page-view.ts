import type { Feature } from '../types.js';

/**
 * Tags `page_view` on load and on every SPA navigation (`pushState`, `replaceState`, `popstate`), once
 * per distinct path + query: a `replaceState` that keeps the URL, or a push followed by a replace of the
 * same URL, never doubles a view. History calls are checked on the next task so the title the app sets
 * after navigating is the one recorded. With `hashRoutes`, the `#/…` route counts as part of the path and
 * `hashchange` is a navigation too. Off with `autoPageViews: false`.
 */
export const autoPageViews: Feature = (client, c) => {
  if (c.autoPageViews === false) return;
  let last: string | undefined;
  const check = () => {
    const hash = location.hash;
    const k = location.pathname + location.search + (c.hashRoutes && hash.startsWith('#/') ? hash : '');
    if (k != last) {
      last = k;
      client.pageView();
    }
  };
  const h = history;
  const undo: Array<() => void> = [];
  for (const m of ['pushState', 'replaceState'] as const) {
    const orig = h[m];
    h[m] = function (this: History, ...a: Parameters<History['pushState']>) {
      orig.apply(this, a);
      setTimeout(check);
    };
    undo.push(() => (h[m] = orig));
  }
  // without hashRoutes a hash change leaves the key as it is: no view
  for (const e of ['popstate', 'hashchange']) addEventListener(e, check), undo.push(() => removeEventListener(e, check));
  check();
  return () => undo.forEach((f) => f());
};
