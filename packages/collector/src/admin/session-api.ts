// Dashboard sign-in and sign-out: a key (or the admin token) in, a session cookie out.
import { HttpError } from '../http-error.js';
import type { Store } from '../store/types.js';
import type { ApiContext } from './api-context.js';
import type { Authenticator, Caller } from './authenticate.js';
import { crossSiteReason } from './cross-site.js';
import { json, readJsonObject } from './http.js';
import type { Principal } from './roles.js';
import { createSession, csrfOf, endSession, sessionCookie } from './sessions.js';

const describe = (p: Principal) => ({ id: p.id, name: p.name, grants: p.grants });

/** `GET /api/session`: who is signed in, with the session's CSRF proof for state-changing calls. */
export function whoAmI(caller: Caller): Response {
  return json(200, { principal: describe(caller.principal), via: caller.via, ...(caller.session ? { csrf: csrfOf(caller.session) } : {}) });
}

/**
 * `POST /api/session` with `{ "key": "…" }` (JSON only, from the collector's own origin): checks the key
 * through the throttled authenticator and answers the principal and CSRF proof with the session cookie.
 */
export async function signIn(request: Request, deps: { store: Store; auth: Authenticator; ttlMs: number; now: () => number; ip: string | null; https: boolean; host: string; record: (principal: Principal, ip: string | null) => Promise<void> }): Promise<Response> {
  const cross = crossSiteReason(request, deps.host);
  if (cross) throw new HttpError(403, `cross-site sign-in refused (${cross})`);
  const body = await readJsonObject(request, 4096);
  if (typeof body.key !== 'string' || !body.key || body.key.length > 512) throw new HttpError(400, 'key: required, the access key (id.secret) or the admin token');
  const principal = await deps.auth.credential(body.key, deps.ip, 'sign_in');
  const { token, expiresAt } = await createSession(deps.store, await deps.auth.sessionName(principal), deps.ttlMs, deps.now());
  await deps.record(principal, deps.ip);
  return json(200, { principal: describe(principal), via: 'session', csrf: csrfOf(token), expiresAt }, {
    'set-cookie': sessionCookie(token, { secure: deps.https, maxAgeSeconds: deps.ttlMs / 1000 }),
  });
}

/** `DELETE /api/session`: ends the session and clears the cookie. */
export async function signOut(ctx: ApiContext): Promise<Response> {
  if (ctx.caller.session) {
    await endSession(ctx.store, ctx.caller.session);
    await ctx.audit('session.end', null);
  }
  return json(200, { signedOut: true }, { 'set-cookie': sessionCookie(null, { secure: ctx.https, maxAgeSeconds: 0 }) });
}
