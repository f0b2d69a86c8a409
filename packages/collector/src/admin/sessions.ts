// Dashboard sessions: signing in with a key (or the admin token) sets a cookie holding a random session
// token; the store keeps only its SHA-256 (256 random bits need no slow hash), the principal it belongs
// to and its expiry, so any collector can check it and a revocation ends it everywhere.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/types.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'tp_session';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A session found by its cookie. */
export interface SessionRow {
  principal: string;
  expiresAt: number;
}

/** Starts a session for `principal`; returns the token for the cookie (never stored as such). */
export async function createSession(store: Store, principal: string, ttlMs: number, now = Date.now()): Promise<{ token: string; expiresAt: number }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + ttlMs;
  // Sign-ins are rare: a good moment to drop sessions that ran out.
  await store.query('DELETE FROM access_sessions WHERE expires_at <= ?', [now]);
  await store.query('INSERT INTO access_sessions (token_hash, principal, created_at, expires_at) VALUES (?, ?, ?, ?)', [sha256(token), principal, now, expiresAt]);
  return { token, expiresAt };
}

/** The live session a cookie token names, or `undefined` (unknown, expired, or signed out). */
export async function findSession(store: Store, token: string, now = Date.now()): Promise<SessionRow | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const [row] = await store.query<{ principal: string; expires_at: number }>('SELECT principal, expires_at FROM access_sessions WHERE token_hash = ? AND expires_at > ?', [sha256(token), now]);
  return row ? { principal: row.principal, expiresAt: row.expires_at } : undefined;
}

/** Ends a session (sign-out). */
export async function endSession(store: Store, token: string): Promise<void> {
  await store.query('DELETE FROM access_sessions WHERE token_hash = ?', [sha256(token)]);
}

/**
 * The session's CSRF proof: derived from the session token, so nothing more is stored and every
 * collector computes the same. The page gets it from `GET /api/session` (same-origin only: another site
 * can send a request with the cookie — SameSite=Strict aside — but cannot read the answer) and sends it
 * as `X-CSRF-Token` with every state-changing call.
 */
export function csrfOf(token: string): string {
  return createHash('sha256').update(`touchpoint-csrf\0${token}`).digest('base64url');
}

/** Compares a presented CSRF proof with the session's, in constant time. */
export function csrfMatches(token: string, presented: string | null): boolean {
  const expected = Buffer.from(csrfOf(token));
  const given = Buffer.from(presented ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The session token in a `Cookie` header, if any. */
export function sessionToken(request: Request): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The `Set-Cookie` value for a session: `HttpOnly` (page scripts cannot read it), `SameSite=Strict` (no
 * other site's page sends it), `Secure` when the dashboard is served over https, and an expiry.
 * `token` `null` clears the cookie (sign-out).
 */
export function sessionCookie(token: string | null, options: { secure: boolean; maxAgeSeconds: number }): string {
  const parts = [`${SESSION_COOKIE}=${token ?? ''}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${token === null ? 0 : Math.max(0, Math.floor(options.maxAgeSeconds))}`];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
