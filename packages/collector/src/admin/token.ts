import { createHash, scrypt, timingSafeEqual } from 'node:crypto';
import type { Principal } from './roles.js';

/** The `--admin-token` as a principal: an admin of every site, as it always was. */
export const ADMIN_TOKEN_PRINCIPAL: Principal = { id: 'admin-token', name: 'admin token', grants: [{ site: '*', role: 'admin' }] };

/** What {@link createTokenMatcher} returns. */
export interface TokenMatcher {
  /** true when `given` is the admin token (constant time whatever the lengths) */
  matches(given: string): boolean;
  /**
   * A slow, salted fingerprint of the token, recorded with the sessions it opened: when the collector
   * restarts with another token, those sessions no longer match and end.
   */
  fingerprint(): Promise<string>;
}

/**
 * Builds the check for the single `--admin-token`. Both sides are hashed first so the comparison is
 * constant-time whatever the lengths (timingSafeEqual alone would leak the token's length by throwing).
 * @example const admin = createTokenMatcher(process.env.TOUCHPOINT_ADMIN_TOKEN!); admin.matches(bearer)
 */
export function createTokenMatcher(token: string): TokenMatcher {
  if (typeof token !== 'string' || token.length < 16) {
    throw new Error('admin token: must be at least 16 characters (e.g. `openssl rand -hex 24`)');
  }
  const expected = createHash('sha256').update(token).digest();
  let fingerprint: Promise<string> | undefined;
  return {
    matches: (given) => timingSafeEqual(createHash('sha256').update(given).digest(), expected),
    fingerprint: () =>
      (fingerprint ??= new Promise((resolve, reject) =>
        scrypt(token, 'touchpoint admin-token session', 16, { N: 16384, r: 8, p: 1 }, (err, key) => (err ? reject(err) : resolve(key.toString('hex')))),
      )),
  };
}

/** The credential of `Authorization: Bearer <credential>`, or `undefined`. */
export function bearerOf(request: Request): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  return m?.[1];
}
