// An identity plan on a SQLite connection, inside the transaction of the events' insert (the store's
// own connection or its writer thread: both call this from sqlite-connection.ts).
import type { Database as Db, Statement } from 'better-sqlite3';
import { USER_KEY_PREFIX } from '../reports/people.js';
import { lookupRequests, planIdentity, type Claim, type IdentityLookup, type IdentityOp } from './identity.js';
import { KNOWN_USER, LINKS_OF_JSON, MERGES_OF_JSON, opStatements } from './identity-sql.js';

/**
 * Returns `plan(claims)`: looks up what the claims name (two statements per site) and plans; and
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
  const pairs = (sql: string, site: string, ids: string[]) => new Map((ids.length ? prepare(sql).raw(true).all(site, JSON.stringify(ids)) : []) as Array<[string, string]>);

  function plan(claims: readonly Claim[]): IdentityOp[] {
    if (claims.length === 0) return [];
    const found = new Map<string, IdentityLookup>();
    for (const req of lookupRequests(claims)) {
      const l: IdentityLookup = { links: pairs(LINKS_OF_JSON, req.site, req.anonymousIds), merges: pairs(MERGES_OF_JSON, req.site, req.userIds), knownUsers: new Set() };
      for (const u of req.previousIds) {
        const k = USER_KEY_PREFIX + u;
        if (prepare(KNOWN_USER).get(req.site, k, req.site, k, req.site, k) !== undefined) l.knownUsers.add(u);
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
