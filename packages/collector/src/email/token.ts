// Signed e-mail link tokens. A token names an opaque random reference to the recipient (the `email_links`
// row that maps it to the site's user id), never personal data, and is authenticated with HMAC-SHA256 over
// every field it carries. Several keys are accepted at once so a secret can be rotated across collectors:
// new links are signed with `signWith`, links signed with any listed key still verify.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** One signing key: a short id carried in the token and its secret. */
export interface EmailLinkKey {
  /** 1–32 characters of `A–Z a–z 0–9 _ -`, carried in every token it signs */
  id: string;
  /** at least 32 characters; keep it out of the repository */
  secret: string;
}

/** The keys a collector accepts, and the one new links are signed with. */
export interface EmailLinkKeys {
  keys: EmailLinkKey[];
  /** the id of the key that signs new links */
  signWith: string;
}

/** What a link is: the open pixel or the click redirect. */
export type EmailLinkKind = 'open' | 'click';

/** The fields a token carries, all covered by its signature. */
export interface EmailLinkClaims {
  keyId: string;
  site: string;
  /** the opaque recipient reference (`email_links.ref`) */
  ref: string;
  campaign: string;
  kind: EmailLinkKind;
  /** ms since epoch (whole seconds) */
  expiresAt: number;
  /** where a click goes on to; '' for the open pixel */
  destination: string;
}

/** Why a token was refused: `expired` is a genuine link past its date (410), the rest are 400. */
export type TokenRefusal = 'malformed' | 'unknown_key' | 'bad_signature' | 'expired';

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const B64URL = /^[A-Za-z0-9_-]+$/;
const KINDS = { o: 'open', c: 'click' } as const;
// A token fits in a URL; the destination is the one long field.
const MAX_TOKEN = 6000;

/**
 * Checks a key configuration and returns it; throws one error naming every problem (at start-up).
 * @example checkEmailLinkKeys({ keys: [{ id: 'k2', secret: process.env.LINK_SECRET! }], signWith: 'k2' })
 */
export function checkEmailLinkKeys(input: unknown): EmailLinkKeys {
  const o = input as Partial<EmailLinkKeys> | null;
  const problems: string[] = [];
  if (!o || typeof o !== 'object' || !Array.isArray(o.keys) || o.keys.length === 0) throw new Error('e-mail link keys: expected { keys: [{ id, secret }, …], signWith }');
  const ids = new Set<string>();
  o.keys.forEach((k, i) => {
    if (!k || typeof k.id !== 'string' || !KEY_ID.test(k.id)) problems.push(`keys[${i}].id: 1–32 characters of A–Z a–z 0–9 _ -`);
    else if (ids.has(k.id)) problems.push(`keys[${i}].id: duplicate key id "${k.id}"`);
    else ids.add(k.id);
    if (!k || typeof k.secret !== 'string' || k.secret.length < 32) problems.push(`keys[${i}].secret: at least 32 characters`);
  });
  if (typeof o.signWith !== 'string' || !ids.has(o.signWith)) problems.push(`signWith: must be the id of one of the keys, got ${JSON.stringify(o.signWith)}`);
  if (problems.length) throw new Error(`invalid e-mail link keys:\n  ${problems.join('\n  ')}`);
  return { keys: o.keys.map((k) => ({ id: k.id, secret: k.secret })), signWith: o.signWith! };
}

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(`touchpoint-email-link\n${payload}`).digest();

/**
 * Signs a token with the `signWith` key. Expiry is kept to the second.
 * @example signEmailLink(keys, { site: 'shop', ref, campaign: 'spring', kind: 'click', expiresAt, destination: 'https://shop.example/sale' })
 */
export function signEmailLink(keys: EmailLinkKeys, claims: Omit<EmailLinkClaims, 'keyId'>): string {
  const key = keys.keys.find((k) => k.id === keys.signWith)!;
  const payload = Buffer.from(JSON.stringify([1, key.id, claims.site, claims.ref, claims.campaign, claims.kind === 'open' ? 'o' : 'c', Math.floor(claims.expiresAt / 1000), claims.destination])).toString('base64url');
  return `${payload}.${mac(key.secret, payload).toString('base64url')}`;
}

/**
 * Verifies a token: its key is one of `keys`, its signature matches (compared in constant time), it has
 * not expired. Never throws.
 * @example const r = verifyEmailLink(keys, token, Date.now()); if (r.ok) r.claims.ref;
 */
export function verifyEmailLink(keys: EmailLinkKeys, token: string, now: number): { ok: true; claims: EmailLinkClaims } | { ok: false; reason: TokenRefusal } {
  if (typeof token !== 'string' || token.length > MAX_TOKEN) return { ok: false, reason: 'malformed' };
  const dot = token.indexOf('.');
  const payload = token.slice(0, dot);
  const sig = token.slice(dot + 1);
  if (dot < 1 || !B64URL.test(payload) || !B64URL.test(sig)) return { ok: false, reason: 'malformed' };
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!Array.isArray(fields) || fields.length !== 8 || fields[0] !== 1) return { ok: false, reason: 'malformed' };
  const [, keyId, site, ref, campaign, kind, exp, destination] = fields as unknown[];
  if (![keyId, site, ref, campaign, destination].every((f) => typeof f === 'string') || (kind !== 'o' && kind !== 'c') || !Number.isSafeInteger(exp)) return { ok: false, reason: 'malformed' };
  const key = keys.keys.find((k) => k.id === keyId);
  if (!key) return { ok: false, reason: 'unknown_key' };
  // Compared as text: base64url decoding ignores the last character's spare bits, so decoded bytes would
  // accept four spellings of one signature.
  const expected = Buffer.from(mac(key.secret, payload).toString('base64url'));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  if ((exp as number) * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { keyId: keyId as string, site: site as string, ref: ref as string, campaign: campaign as string, kind: KINDS[kind], expiresAt: (exp as number) * 1000, destination: destination as string } };
}
