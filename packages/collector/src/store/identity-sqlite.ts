// An identity plan on a SQLite connection, inside the transaction of the events' insert (the store's
// own connection or its writer thread: both call this from sqlite-connection.ts).
import type { Database as Db, Statement } from 'better-sqlite3';
import { USER_KEY_PREFIX } from '../reports/people.js';
import { lookupRequests, planIdentity, type Claim, type IdentityLookup, type IdentityOp } from './identity.js';
import { KNOWN_USER, LINK_OF, MERGE_OF, opStatements } from './identity-sql.js';

/**
 * Returns `plan(claims)`: looks up what the claims name (primary-key seeks) and plans; and
 * `apply(ops)`: runs the plan's statements. Both synchronous, for use inside `db.transaction`.
 */
export function sqliteIdentity(db: Db) {
  const cache = new Map<string, Statement>();
  const prepare = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
  // Prepared on first use: a store opened with older migrations only (tests) has no identity tables.
  const linkOf = { get: (...p: unknown[]) => prepare(LINK_OF).pluck().get(...p) };
  const mergeOf = { get: (...p: unknown[]) => prepare(MERGE_OF).pluck().get(...p) };
  const knownUser = { get: (...p: unknown[]) => prepare(KNOWN_USER).pluck().get(...p) };

  function plan(claims: readonly Claim[]): IdentityOp[] {
    if (claims.length === 0) return [];
    const found = new Map<string, IdentityLookup>();
    for (const req of lookupRequests(claims)) {
      const l: IdentityLookup = { links: new Map(), merges: new Map(), knownUsers: new Set() };
      for (const a of req.anonymousIds) {
        const p = linkOf.get(req.site, a) as string | undefined;
        if (p !== undefined) l.links.set(a, p);
      }
      for (const u of req.userIds) {
        const p = mergeOf.get(req.site, u) as string | undefined;
        if (p !== undefined) l.merges.set(u, p);
      }
      for (const u of req.previousIds) {
        const k = USER_KEY_PREFIX + u;
        if (knownUser.get(req.site, k, req.site, k, req.site, k) !== undefined) l.knownUsers.add(u);
      }
      found.set(req.site, l);
    }
    return planIdentity(claims, (site) => found.get(site)!);
  }

  function apply(ops: readonly IdentityOp[]): void {
    for (const op of ops) for (const [sql, params] of opStatements(op, 'sqlite')) prepare(sql).run(...params);
  }

  return { plan, apply };
}
