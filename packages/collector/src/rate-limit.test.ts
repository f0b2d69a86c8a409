import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.js';

describe('createRateLimiter', () => {
  it('allows a burst, then refills at the sustained rate', () => {
    let t = 0;
    const limit = createRateLimiter({ perSecond: 2, burst: 3 }, () => t);
    expect([1, 2, 3, 4].map(() => limit.take('k').ok)).toEqual([true, true, true, false]);
    t += 500; // one token back
    expect(limit.take('k').ok).toBe(true);
    expect(limit.take('k')).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('keeps a separate bucket per key and forgets the least recently used beyond maxKeys', () => {
    const t = 0;
    const limit = createRateLimiter({ perSecond: 1, burst: 1, maxKeys: 2 }, () => t);
    expect(limit.take('a').ok).toBe(true);
    expect(limit.take('b').ok).toBe(true);
    expect(limit.take('a').ok).toBe(false);
    limit.take('c'); // evicts b, the least recently used
    expect(limit.take('b').ok).toBe(true);
  });
});
