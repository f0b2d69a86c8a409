// The SQL behind an identity plan (identity.ts), `?` placeholders, the same text on both stores except
// the rollup's merge expressions.
import type { IdentityOp } from './identity.js';
import { JOURNEY_REKEY, STEPS_REKEY } from './migrations.js';
import type { Dialect } from './types.js';

/**
 * SQLite: the stored links of many anonymous ids in one statement, `[site, JSON array of ids]` (one call
 * into SQLite per write rather than one per id; each id a primary-key seek).
 */
export const LINKS_OF_JSON = 'SELECT anonymous_id, person_key FROM identity_links WHERE site = ? AND anonymous_id IN (SELECT value FROM json_each(?))';
/** SQLite: the stored merges of many user ids, `[site, JSON array of ids]`. */
export const MERGES_OF_JSON = 'SELECT user_id, person_key FROM user_merges WHERE site = ? AND user_id IN (SELECT value FROM json_each(?))';
/**
 * 1 when `u:<user id>` is already a person: it has rollup rows, or links or merges point at it.
 * Parameters: `[site, 'u:' + user id]` three times. Three primary-key or index seeks (aliases are rare).
 */
export const KNOWN_USER = `SELECT 1 AS known WHERE EXISTS (SELECT 1 FROM journey_days WHERE site = ? AND visitor = ?)
  OR EXISTS (SELECT 1 FROM identity_links WHERE site = ? AND person_key = ?)
  OR EXISTS (SELECT 1 FROM user_merges WHERE site = ? AND person_key = ?)`;

/** The statements of one op, in order, each with its parameters. */
export function opStatements(op: IdentityOp, dialect: Dialect): Array<[string, unknown[]]> {
  switch (op.op) {
    case 'link':
      return [['INSERT INTO identity_links (site, anonymous_id, person_key, via, linked_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (site, anonymous_id) DO NOTHING',
        [op.site, op.anonymousId, op.personKey, op.via, op.at]]];
    case 'merge':
      return [['INSERT INTO user_merges (site, user_id, person_key, linked_at) VALUES (?, ?, ?, ?) ON CONFLICT (site, user_id) DO NOTHING',
        [op.site, op.userId, op.personKey, op.at]]];
    case 'conflict':
      return [['INSERT INTO identity_conflicts (site, anonymous_id, person_key, other_key, at) VALUES (?, ?, ?, ?, ?)',
        [op.site, op.anonymousId, op.personKey, op.otherKey, op.at]]];
    case 'absorb': {
      // Both person-keyed rollups, the journey's and abandonment's (migrations 10 and 16).
      return [
        ['UPDATE identity_links SET person_key = ? WHERE site = ? AND person_key = ?', [op.to, op.site, op.from]],
        ['UPDATE user_merges SET person_key = ? WHERE site = ? AND person_key = ?', [op.to, op.site, op.from]],
        ...[JOURNEY_REKEY(dialect), STEPS_REKEY(dialect)].flatMap(({ move, drop }): Array<[string, unknown[]]> => [
          [move, [op.to, op.site, op.from]],
          [drop, [op.site, op.from]],
        ]),
      ];
    }
  }
}
