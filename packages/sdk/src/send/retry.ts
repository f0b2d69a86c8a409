/**
 * Delay before retry number `attempt` (0-based): exponential backoff with full jitter, like Segment's
 * analytics-next: random in [0, min(cap, base·2^attempt)).
 */
export function backoff(attempt: number, base = 500, cap = 60_000, random = Math.random): number {
  return Math.floor(random() * Math.min(cap, base * 2 ** attempt));
}

/**
 * Parses `Retry-After` (delta seconds or an HTTP date, RFC 9110 §10.2.3) into ms from `now`;
 * `undefined` when absent or unparsable.
 */
export function retryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const ms = header.trim() && isFinite(+header) ? +header * 1000 : Date.parse(header) - now;
  return ms == ms ? Math.max(0, ms) : undefined; // NaN: neither seconds nor an HTTP date
}
