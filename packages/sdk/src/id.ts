// Time-ordered UUIDv7 (RFC 9562): 48-bit ms timestamp, then a 12-bit counter within the millisecond,
// then random bits. Sorting ids as strings sorts events by creation order (the queue relies on it),
// and the collector's unique index inserts at the right-hand edge instead of at random pages.
let lastMs = 0;
let seq = 0;

function randomBytes(n: number): Uint8Array {
  const b = new Uint8Array(n);
  const c = globalThis.crypto;
  if (c && c.getRandomValues) c.getRandomValues(b);
  else for (let i = 0; i < n; i++) b[i] = (Math.random() * 256) | 0;
  return b;
}

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
  const b = randomBytes(16);
  let ms = lastMs;
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f);
  let h = '';
  for (let i = 0; i < 16; i++) h += (b[i]! + 256).toString(16).slice(1) + (i == 3 || i == 5 || i == 7 || i == 9 ? '-' : '');
  return h;
}
