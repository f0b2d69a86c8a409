// Who is calling the admin API: a bearer credential (a personal access key or the admin token, for
// scripts) or the dashboard's session cookie. Failures are throttled per client address and per
// account before any hashing, logged, and counted in /metrics.
import { HttpError } from '../http-error.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/types.js';
import { createKeyVerifier, isKeyId, parseKeyToken, type KeyRefusal } from './keys.js';
import type { Principal } from './roles.js';
import { findSession, sessionToken } from './sessions.js';
import type { Subject, Throttle } from './throttle.js';
import { ADMIN_TOKEN_PRINCIPAL, bearerOf, type TokenMatcher } from './token.js';

/** How a caller proved who it is. */
export type Via = 'bearer' | 'session';

/** An authenticated caller. */
export interface Caller {
  principal: Principal;
  via: Via;
  /** the session's token, for its CSRF proof and sign-out */
  session?: string;
}

/** What the authenticator needs. */
export interface AuthDeps {
  store: Store;
  adminToken?: TokenMatcher;
  throttle: Throttle;
  metrics?: Metrics;
  log: Logger;
  now: () => number;
}

/** Why a credential was refused, for logs and metrics. */
export type Refusal = KeyRefusal | 'wrong_token' | 'malformed';

const UNAUTHORIZED = (message: string) => new HttpError(401, message, { 'www-authenticate': 'Bearer realm="touchpoint-admin"' });

/**
 * Builds the two checks: `credential` (a key or the admin token, given as a bearer or to sign in) and
 * `caller` (a request's bearer or session cookie). Both throw an `HttpError` — 401, or 429 with
 * `Retry-After` once the address or the account has failed too often.
 */
export function createAuthenticator(deps: AuthDeps) {
  const { store, adminToken, throttle, metrics, log, now } = deps;
  const verifyKey = createKeyVerifier(store);

  /** The account a credential claims: its key id, else the admin token (the only other credential). */
  function accountOf(credential: string): Subject | undefined {
    const key = parseKeyToken(credential);
    if (key) return `account:${key.id}`;
    const id = credential.split('.')[0] ?? '';
    if (isKeyId(id)) return `account:${id}`;
    return adminToken ? 'account:admin-token' : undefined;
  }

  async function credential(given: string, ip: string | null, via: 'sign_in' | 'bearer'): Promise<Principal> {
    const t = now();
    const account = accountOf(given);
    const subjects: Subject[] = [`ip:${ip ?? 'unknown'}`, ...(account ? [account] : [])];
    // Throttled before any hashing: a blocked guesser costs one indexed read, not an scrypt.
    const state = await throttle.check(subjects, t);
    if (state.blocked) {
      metrics?.authThrottled(via);
      log.warn({ via, ip, account, blocked: state.subject, retryAfter: state.retryAfterSeconds }, 'admin sign-in throttled');
      throw new HttpError(429, `too many failed attempts: retry in ${state.retryAfterSeconds} s`, { 'retry-after': String(state.retryAfterSeconds) });
    }
    let reason: Refusal;
    if (adminToken?.matches(given)) {
      if (account) await throttle.succeed(account);
      return ADMIN_TOKEN_PRINCIPAL;
    }
    const key = parseKeyToken(given);
    if (key) {
      const result = await verifyKey(key.id, key.secret, t);
      if (result.ok) {
        await throttle.succeed(`account:${key.id}`);
        return result.principal;
      }
      reason = result.reason;
    } else reason = account === 'account:admin-token' ? 'wrong_token' : 'malformed';
    metrics?.authFailure(via, reason);
    log.warn({ via, reason, ip, account }, 'admin sign-in failed');
    const after = await throttle.fail(subjects, t);
    if (after.blocked) {
      metrics?.authThrottled(via);
      throw new HttpError(429, `too many failed attempts: retry in ${after.retryAfterSeconds} s`, { 'retry-after': String(after.retryAfterSeconds) });
    }
    throw UNAUTHORIZED('access key or admin token refused');
  }

  /** The principal a session names, if it still stands (key not revoked, admin token unchanged). */
  async function sessionPrincipal(name: string): Promise<Principal | undefined> {
    if (name.startsWith('admin-token:')) {
      return adminToken && name === `admin-token:${await adminToken.fingerprint()}` ? ADMIN_TOKEN_PRINCIPAL : undefined;
    }
    const [row] = await store.query<{ name: string; revoked_at: number | null }>('SELECT name, revoked_at FROM access_keys WHERE id = ?', [name]);
    if (!row || row.revoked_at !== null) return undefined;
    const grants = await store.query<{ site: string; role: 'viewer' | 'admin' }>('SELECT site, role FROM access_grants WHERE key_id = ? ORDER BY site', [name]);
    return { id: name, name: row.name, grants };
  }

  /** The session name recorded for a principal (admin-token sessions carry the token's fingerprint). */
  async function sessionName(principal: Principal): Promise<string> {
    return principal === ADMIN_TOKEN_PRINCIPAL && adminToken ? `admin-token:${await adminToken.fingerprint()}` : principal.id;
  }

  async function caller(request: Request, ip: string | null): Promise<Caller> {
    const bearer = bearerOf(request);
    if (bearer !== undefined) return { principal: await credential(bearer, ip, 'bearer'), via: 'bearer' };
    if (request.headers.has('authorization')) {
      metrics?.authFailure('bearer', 'malformed');
      throw UNAUTHORIZED('use Authorization: Bearer <access key or admin token>');
    }
    const token = sessionToken(request);
    if (token) {
      const session = await findSession(store, token, now());
      const principal = session && (await sessionPrincipal(session.principal));
      if (principal) return { principal, via: 'session', session: token };
    }
    throw UNAUTHORIZED('sign in: Authorization: Bearer <access key or admin token>, or the dashboard session');
  }

  return { credential, caller, sessionName };
}

/** What {@link createAuthenticator} returns. */
export type Authenticator = ReturnType<typeof createAuthenticator>;
