import { describe, expect, it } from 'vitest';
import { checkEmailLinkKeys, signEmailLink, verifyEmailLink, type EmailLinkKeys } from './token.js';

const S1 = 'a'.repeat(32);
const S2 = 'b'.repeat(40);
const keys: EmailLinkKeys = { keys: [{ id: 'k1', secret: S1 }], signWith: 'k1' };
const NOW = Date.UTC(2026, 11, 4);
const claims = { site: 'shop', ref: 'r3f', campaign: 'spring sale', kind: 'click' as const, expiresAt: NOW + 86_400_000, destination: 'https://shop.example/sale?x=1' };

/** Re-encodes a token's payload with one field changed, keeping the old signature. */
function tamper(token: string, index: number, value: unknown): string {
  const [payload, sig] = token.split('.');
  const fields = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
  fields[index] = value;
  return `${Buffer.from(JSON.stringify(fields)).toString('base64url')}.${sig}`;
}

describe('e-mail link tokens', () => {
  it('verify what they were signed with, every field, expiry to the second', () => {
    const t = signEmailLink(keys, claims);
    expect(t).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyEmailLink(keys, t, NOW)).toEqual({ ok: true, claims: { ...claims, keyId: 'k1' } });
    const open = signEmailLink(keys, { ...claims, kind: 'open', destination: '' });
    expect(verifyEmailLink(keys, open, NOW)).toMatchObject({ ok: true, claims: { kind: 'open', destination: '' } });
  });

  it('carry no personal data: only the opaque reference, the site and the campaign', () => {
    const t = signEmailLink(keys, claims);
    const text = Buffer.from(t.split('.')[0]!, 'base64url').toString('utf8');
    expect(JSON.parse(text)).toEqual([1, 'k1', 'shop', 'r3f', 'spring sale', 'c', Math.floor(claims.expiresAt / 1000), claims.destination]);
  });

  it('refuse a change to any field: key id, site, ref, campaign, kind, expiry, destination', () => {
    const t = signEmailLink(keys, claims);
    const changes: Array<[number, unknown]> = [[2, 'other'], [3, 'r3g'], [4, 'winter'], [5, 'o'], [6, Math.floor(claims.expiresAt / 1000) + 86_400], [7, 'https://evil.example/']];
    for (const [i, v] of changes) expect(verifyEmailLink(keys, tamper(t, i, v), NOW), `field ${i}`).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyEmailLink(keys, tamper(t, 1, 'k9'), NOW)).toEqual({ ok: false, reason: 'unknown_key' });
    // a flipped signature character
    const last = t.at(-2) === 'A' ? 'B' : 'A';
    expect(verifyEmailLink(keys, `${t.slice(0, -2)}${last}${t.at(-1)}`, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyEmailLink(keys, `${t}x`, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    // the last character's spare bits: another spelling of the same bytes is refused too
    const spare = t.at(-1) === 'A' ? 'B' : 'A';
    expect(verifyEmailLink(keys, `${t.slice(0, -1)}${spare}`, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuse malformed tokens without throwing', () => {
    for (const bad of ['', '.', 'abc', 'a.b.c', '%%%.abc', `${Buffer.from('[2]').toString('base64url')}.abc`, `${Buffer.from('{').toString('base64url')}.abc`, 'x'.repeat(7000)]) {
      expect(verifyEmailLink(keys, bad, NOW), bad.slice(0, 20)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('expire at their second: valid just before, `expired` from then on (only once the signature is good)', () => {
    const t = signEmailLink(keys, claims);
    expect(verifyEmailLink(keys, t, claims.expiresAt - 1).ok).toBe(true);
    expect(verifyEmailLink(keys, t, claims.expiresAt)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyEmailLink(keys, tamper(t, 4, 'x'), claims.expiresAt + 1)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('rotate: links signed with an old key verify while it is listed, new links use signWith, a dropped key is unknown', () => {
    const old = signEmailLink(keys, claims);
    const rotated = checkEmailLinkKeys({ keys: [{ id: 'k2', secret: S2 }, { id: 'k1', secret: S1 }], signWith: 'k2' });
    const fresh = signEmailLink(rotated, claims);
    expect(verifyEmailLink(rotated, old, NOW)).toMatchObject({ ok: true, claims: { keyId: 'k1' } });
    expect(verifyEmailLink(rotated, fresh, NOW)).toMatchObject({ ok: true, claims: { keyId: 'k2' } });
    expect(verifyEmailLink(keys, fresh, NOW)).toEqual({ ok: false, reason: 'unknown_key' });
    const retired = checkEmailLinkKeys({ keys: [{ id: 'k2', secret: S2 }], signWith: 'k2' });
    expect(verifyEmailLink(retired, old, NOW)).toEqual({ ok: false, reason: 'unknown_key' });
    // same id, another secret (a leaked key replaced): refused
    expect(verifyEmailLink({ keys: [{ id: 'k1', secret: S2 }], signWith: 'k1' }, old, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('key configs are checked at start-up, every problem named', () => {
    expect(() => checkEmailLinkKeys({ keys: [] })).toThrow(/expected \{ keys/);
    expect(() => checkEmailLinkKeys({ keys: [{ id: 'k 1', secret: 'short' }, { id: 'k2', secret: S1 }, { id: 'k2', secret: S1 }], signWith: 'k3' })).toThrow(
      /keys\[0\]\.id: 1–32 characters[^]*keys\[0\]\.secret: at least 32[^]*keys\[2\]\.id: duplicate key id "k2"[^]*signWith: must be the id/,
    );
  });
});
