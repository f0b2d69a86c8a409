// Time-ordered UUIDv7 (RFC 9562): 48-bit ms timestamp, then a 12-bit counter within the millisecond,
// then random bits. Sorting ids as strings sorts events by creation order (the queue relies on it),
// and the collector's unique index inserts at the right-hand edge instead of at random pages.
let lastMs = 0;
let seq = 0;

const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');

/** A new UUIDv7 string; monotonic within this page even when several are made in one millisecond. */
export function uuidv7(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    seq = 0;
  } else if (++seq > 0xfff) {
    // 4096 ids in one millisecond: borrow the next millisecond rather than break ordering.
    lastMs++;
    seq = 0;
  }
  const r = new Uint16Array(5);
  const c = globalThis.crypto;
  if (c && c.getRandomValues) c.getRandomValues(r);
  else for (let i = 0; i < 5; i++) r[i] = Math.random() * 65536;
  const t = hex(lastMs, 12);
  // variant 10xx in the top bits of the fourth group
  return `${t.slice(0, 8)}-${t.slice(8)}-7${hex(seq, 3)}-${hex(0x8000 | (r[0]! & 0x3fff), 4)}-${hex(r[1]!, 4)}${hex(r[2]!, 4)}${hex(r[3]!, 4)}`;
}
