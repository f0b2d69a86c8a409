/**
 * Calls `fn` when the page may be going away: `visibilitychange` to hidden (the last event that is
 * reliable on mobile, where `pagehide`/`unload` often never fire) and `pagehide` (desktop tab close,
 * bfcache). Returns a function removing the listeners.
 */
export function onPageLeave(fn: () => void): () => void {
  const vis = () => document.visibilityState == 'hidden' && fn();
  document.addEventListener('visibilitychange', vis);
  addEventListener('pagehide', fn);
  return () => {
    document.removeEventListener('visibilitychange', vis);
    removeEventListener('pagehide', fn);
  };
}
