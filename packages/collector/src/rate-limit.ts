/** Token-bucket settings: `burst` requests at once, refilled at `perSecond`. */
export interface RateLimitOptions {
  /** sustained requests per second per site and client (default 50) */
  perSecond?: number;
  /** bucket size: requests allowed in a burst (default 200) */
  burst?: number;
  /** most buckets kept; the least recently used are forgotten beyond it (default 100,000) */
  maxKeys?: number;
}

/** The verdict for one request: allowed, or wait `retryAfterSeconds`. */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Creates a per-key token-bucket limiter (key = site and client). Memory is bounded by `maxKeys`;
 * a forgotten key starts again with a full bucket, which only ever errs towards accepting.
 *
 * @param options - see {@link RateLimitOptions}
 * @param now - clock in ms (tests pass a fake one)
 * @example
 * const limit = createRateLimiter({ perSecond: 10, burst: 20 });
 * if (!limit.take('shop|203.0.113.0').ok) return new Response(null, { status: 429 });
 */
export function createRateLimiter(options: RateLimitOptions = {}, now: () => number = Date.now) {
  const rate = options.perSecond ?? 50;
  const burst = options.burst ?? 200;
  const maxKeys = options.maxKeys ?? 100_000;
  // Map keeps insertion order: re-inserting on use makes the first key the least recently used.
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key: string): RateDecision {
      const t = now();
      const b = buckets.get(key) ?? { tokens: burst, at: t };
      buckets.delete(key);
      b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * rate);
      b.at = t;
      buckets.set(key, b);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / rate)) };
    },
  };
}

/** A limiter as created by {@link createRateLimiter}. */
export type RateLimiter = ReturnType<typeof createRateLimiter>;
