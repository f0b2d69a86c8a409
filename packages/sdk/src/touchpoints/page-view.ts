import type { Feature } from '../types.js';

/**
 * Tags `page_view` on load and on every SPA navigation (`pushState`, `replaceState`, `popstate`), once
 * per distinct path + query: a `replaceState` that keeps the URL, or a push followed by a replace of the
 * same URL, never doubles a view. History calls are checked on the next task so the title the app sets
 * after navigating is the one recorded. Off with `autoPageViews: false`.
 */
export const autoPageViews: Feature = (client, c) => {
  if (c.autoPageViews === false) return;
  let last: string | undefined;
  const check = () => {
    const k = location.pathname + location.search;
    if (k != last) {
      last = k;
      client.pageView();
    }
  };
  const h = history;
  const undo = [() => removeEventListener('popstate', check)];
  for (const m of ['pushState', 'replaceState'] as const) {
    const orig = h[m];
    h[m] = function (this: History, ...a: Parameters<History['pushState']>) {
      orig.apply(this, a);
      setTimeout(check);
    };
    undo.push(() => (h[m] = orig));
  }
  addEventListener('popstate', check);
  check();
  return () => undo.forEach((f) => f());
};
