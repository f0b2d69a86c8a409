/** What to do with a batch after the collector's answer. */
export type Outcome = 'ack' | 'retry' | 'drop';

/** 2xx acknowledges; 408, 429 and 5xx (and network errors) are retried; any other 4xx drops the batch. */
export function outcomeOf(status: number): Outcome {
  if (status >= 200 && status < 300) return 'ack';
  return status == 408 || status == 429 || status >= 500 ? 'retry' : 'drop';
}

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
  const s = Number(header);
  const ms = header.trim() && Number.isFinite(s) ? s * 1000 : Date.parse(header) - now;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}
