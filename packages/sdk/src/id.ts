// Time-ordered UUIDv7 (RFC 9562): 48-bit ms timestamp, then a 12-bit counter within the millisecond,
// then random bits. Sorting ids as strings sorts events by creation order (the queue relies on it),
// and the collector's unique index inserts at the right-hand edge instead of at random pages.
let lastMs = 0;
let seq = 0;

const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');

/**
 * Returns a new UUIDv7 for `now` (ms since the epoch; default `Date.now()`): `crypto.getRandomValues`
 * for the random bits, `Math.random` where there is no Web Crypto.
 * @example uuidv7() // '0190f2a4-7c3e-7001-8a3b-5f0e2d9c4b71'
 */
export function uuidv7(now = Date.now()): string {
  // 4096 ids in one millisecond: borrow the next millisecond rather than break ordering.
  if (now > lastMs) (lastMs = now), (seq = 0);
  else if (++seq > 0xfff) lastMs++, (seq = 0);
  const r = new Uint32Array(2);
  const c = globalThis.crypto;
  if (c && c.getRandomValues) c.getRandomValues(r);
  else r.forEach((_, i) => (r[i] = Math.random() * 2 ** 32));
  // variant 10 in the top bits of the fourth group
  r[0] = (r[0]! >>> 2) | (2 ** 31);
  return (hex(lastMs, 12) + 7 + hex(seq, 3) + hex(r[0]!, 8) + hex(r[1]!, 8)).replace(/(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
}
