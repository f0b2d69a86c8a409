// NATS subject tokens may not contain `.`, `*`, `>` or whitespace, and header values may not contain line
// breaks, but a site id or event id may be any string. Everything outside [A-Za-z0-9_-] is written as
// %HH of its UTF-8 bytes — injective, and typical ids (UUIDs, slugs) pass unchanged.
const SAFE = /^[A-Za-z0-9_-]*$/;

/**
 * Encodes any string as one NATS subject token (and a header-safe string).
 *
 * @example
 * token('shop'); // 'shop'
 * token('my.shop'); // 'my%2Eshop'
 */
export function token(value: string): string {
  if (SAFE.test(value)) return value;
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The subject an event of `site` is published on: `<prefix>.<site token>`, so consumers and stream
 * limits can select sites.
 *
 * @example
 * subjectFor('touchpoint.events', 'shop'); // 'touchpoint.events.shop'
 */
export function subjectFor(prefix: string, site: string): string {
  return `${prefix}.${token(site)}`;
}

/**
 * The `Nats-Msg-Id` of an event: its id scoped by site (the store's unique key), so JetStream's duplicate
 * window drops a re-sent event and the same id on two sites stays two events.
 *
 * @example
 * messageId('shop', '0190…'); // 'shop/0190…'
 */
export function messageId(site: string, id: string): string {
  return `${token(site)}/${token(id)}`;
}
