// Where RudderStack's JavaScript SDK fills a message's `context` differently from Segment's analytics.js,
// so the Segment mapping reads it right: a page without referrer says "$direct" (a sentinel, not a URL),
// and the SDK's own session id (a number, ms since the session began) rides in `context.sessionId`.

/** RudderStack's stand-in for "no referrer" in `context.page.referrer` and page properties. */
export const RUDDERSTACK_NO_REFERRER = '$direct';

/**
 * A page referrer as the envelope wants it: `undefined` for RudderStack's `$direct` sentinel and for
 * anything that is not a non-empty string.
 * @example
 * referrerOf('$direct'); // → undefined
 * referrerOf('https://www.google.com/'); // → 'https://www.google.com/'
 */
export function referrerOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value !== RUDDERSTACK_NO_REFERRER ? value : undefined;
}

/**
 * The session id in a message's `context` (RudderStack sends a number), as the envelope's string
 * `sessionId`; `undefined` when absent or not a finite number / non-empty string.
 * @example
 * sessionIdOf({ sessionId: 1796347896934 }); // → '1796347896934'
 */
export function sessionIdOf(context: Record<string, unknown>): string | undefined {
  const v = context.sessionId;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}
