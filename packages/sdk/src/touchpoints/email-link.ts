import type { Feature, Internals } from '../types.js';

/**
 * The landing of an e-mail click: the collector's redirect adds `tp_link` (the link's signed token) to the
 * URL. It is removed from the address bar with `history.replaceState` before any touchpoint is tagged —
 * this feature starts before the automatic page view, whose history hook is not installed yet, so there
 * is no second view, and a bookmark or shared URL does not carry it — and sent once, as `link`, with the
 * next touchpoint; the collector verifies it and joins this browser to the recipient.
 */
export const emailLink: Feature = (client) => {
  const u = new URL(location.href);
  let t = u.searchParams.get('tp_link');
  if (!t) return;
  u.searchParams.delete('tp_link');
  history.replaceState(history.state, '', u);
  (client as unknown as Internals)._enrich.push((e) => {
    if (t) (e.link = t), (t = '');
  });
};
