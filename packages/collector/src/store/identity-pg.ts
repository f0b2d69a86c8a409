// An identity plan on a PostgreSQL connection: the look-ups (one query per table and site for a whole
// group, `= ANY`) and the plan's statements, inside the transaction of the events' insert (pg-write.ts).
import type pg from 'pg';
import { USER_KEY_PREFIX } from '../reports/people.js';
import { lookupRequests, planIdentity, type Claim, type IdentityLookup, type IdentityOp } from './identity.js';
import { KNOWN_USER, opStatements } from './identity-sql.js';
import { toNumberedPlaceholders } from './placeholders.js';

const numbered = new Map<string, string>();
const pgText = (sql: string) => {
  let t = numbered.get(sql);
  if (t === undefined) numbered.set(sql, (t = toNumberedPlaceholders(sql).sql));
  return t;
};

/** Looks up what the claims name on `client` and plans (see {@link planIdentity}). */
export async function planOnPg(client: pg.PoolClient, claims: readonly Claim[]): Promise<IdentityOp[]> {
  if (claims.length === 0) return [];
  const found = new Map<string, IdentityLookup>();
  for (const req of lookupRequests(claims)) {
    const [links, merges] = await Promise.all([
      client.query<[string, string]>({ text: 'SELECT anonymous_id, person_key FROM identity_links WHERE site = $1 AND anonymous_id = ANY($2::text[])', values: [req.site, req.anonymousIds], rowMode: 'array' }),
      client.query<[string, string]>({ text: 'SELECT user_id, person_key FROM user_merges WHERE site = $1 AND user_id = ANY($2::text[])', values: [req.site, req.userIds], rowMode: 'array' }),
    ]);
    const l: IdentityLookup = { links: new Map(links.rows), merges: new Map(merges.rows), knownUsers: new Set() };
    for (const u of req.previousIds) {
      const k = USER_KEY_PREFIX + u;
      const r = await client.query(pgText(KNOWN_USER), [req.site, k, req.site, k, req.site, k]);
      if (r.rows.length) l.knownUsers.add(u);
    }
    found.set(req.site, l);
  }
  return planIdentity(claims, (site) => found.get(site)!);
}

/**
 * Runs a plan's statements on `client`, in order. A link another collector wrote first (between the
 * look-up and the insert: the insert did nothing) keeps that collector's person: the absorb that would
 * have followed it is skipped.
 */
export async function applyOnPg(client: pg.PoolClient, ops: readonly IdentityOp[]): Promise<void> {
  const lost = new Set<string>();
  for (const op of ops) {
    if (op.op === 'absorb' && lost.has(op.from)) continue;
    for (const [sql, params] of opStatements(op, 'postgres')) {
      const r = await client.query(pgText(sql), params);
      if (op.op === 'link' && r.rowCount === 0) lost.add(op.anonymousId);
    }
  }
}
