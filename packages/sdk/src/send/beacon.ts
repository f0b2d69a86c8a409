/**
 * Sends `body` while the page is going away: `sendBeacon` as `text/plain` (a CORS-safelisted type, so
 * no preflight that the browser would cancel on unload), or `fetch` with `keepalive` when custom
 * headers are needed or sendBeacon refuses. Returns false when nothing could be queued.
 */
export function beacon(url: string, body: string, headers?: Record<string, string>): boolean {
  try {
    if (!headers && navigator.sendBeacon && navigator.sendBeacon(url, body)) return true;
    fetch(url, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'text/plain', ...headers } }).catch(() => undefined);
    return true;
  } catch {
    return false;
  }
}
