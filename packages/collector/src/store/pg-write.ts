import type pg from 'pg';
import { humanDuplicates } from './bot-copies.js';
import { EVENT_COLUMNS } from './columns.js';
import { eventKey, type InsertMany } from './group-writes.js';
import { claimsOfInserted, identityClaims, type IdentityOp } from './identity.js';
import { applyOnPg, planOnPg } from './identity-pg.js';
import { copyText, CopyQuery } from './pg-copy.js';
import type { StoredEvent } from './types.js';

const COLUMN_LIST = EVENT_COLUMNS.map(([c]) => c).join(', ');

// Fast path: the rows straight into `events` with one `COPY` (one statement, so one transaction). A
// COPY cannot skip duplicates: a row already stored — or being stored by another collector — fails it
// with a unique violation and nothing of it is kept. Used when the group itself has no duplicate key.
const COPY_EVENTS_SQL = `COPY events (${COLUMN_LIST}) FROM STDIN`;

// Duplicate-safe path: the rows into a per-connection temporary table (no index, no WAL, emptied at each
// commit), then one `INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING` from it. Both statements go in
// one simple query, which PostgreSQL runs as one implicit transaction.
const STAGE = 'pg_temp.touchpoint_stage';
const CREATE_STAGE_SQL = `CREATE TEMP TABLE IF NOT EXISTS touchpoint_stage (LIKE events) ON COMMIT DELETE ROWS`;
const COPY_STAGE_INSERT_SQL = `COPY ${STAGE} (${COLUMN_LIST}) FROM STDIN;
INSERT INTO events (${COLUMN_LIST})
SELECT ${COLUMN_LIST} FROM ${STAGE} ORDER BY site COLLATE "C", id COLLATE "C"
ON CONFLICT (site, id) DO NOTHING
RETURNING site, id`;

const UNIQUE_VIOLATION = '23505';

/**
 * Groups written by the duplicate-safe path after a fast-path COPY met a stored event: retries (clients
 * re-sending after a timeout, several collectors receiving the same batch) come in bursts, and each
 * would otherwise cost a failed COPY first.
 */
export const SAFE_GROUPS_AFTER_CONFLICT = 100;

// UTF-16 code units sort like code points (and so like UTF-8 bytes, PostgreSQL's "C" order) except
// that surrogates (U+10000 and up) sort below U+E000–U+FFFF; this moves them above.
const codePointRank = (unit: number) => (unit < 0xd800 ? unit : unit >= 0xe000 ? unit - 0x800 : unit + 0x2000);

/** Orders strings as PostgreSQL's `COLLATE "C"` does on a UTF-8 database (by code point). */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** (site, id) order: the one order every collector locks rows in (see {@link pgInserter}). */
export const byKey = (a: StoredEvent, b: StoredEvent) => compareBytes(a.site, b.site) || compareBytes(a.id, b.id);

/** Runs one {@link CopyQuery} on a connection. */
function copy(client: pg.PoolClient, sql: string, events: readonly StoredEvent[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    client.query(new CopyQuery(sql, copyText(events), (err, results) => (err ? reject(err) : resolve(results))));
  });
}

/**
 * The PostgreSQL insert behind group commit: writes a group of events in one transaction and resolves
 * with the (site, id) keys it inserted once committed; rejects when nothing was.
 *
 * A group without a repeated key goes first by the fast path — `COPY` into `events`, sorted by (site, id);
 * if some event is already stored (a unique violation: nothing kept), or the group repeats a key, the
 * group goes by the duplicate-safe path instead — `COPY` into a staging table and `INSERT … ON CONFLICT
 * (site, id) DO NOTHING RETURNING` in (site, id) order. After a conflict the next
 * {@link SAFE_GROUPS_AFTER_CONFLICT} groups take the safe path directly. Both paths insert in the same
 * (site, id) order: two collectors inserting overlapping events in different orders would otherwise
 * wait on each other's rows and deadlock (one of them aborted).
 *
 * Measured (collector benchmark rows, statements of 300, PostgreSQL's CPU per row): fast path 20–27 µs,
 * safe path 28–36 µs, one JSON parameter for json_to_recordset (before) 32–36 µs; the collector's own
 * CPU per row 5–9, 8–11 and 13–14 µs.
 *
 * @param pool - connections to write on (one per group)
 */
export function pgInserter(pool: pg.Pool): InsertMany {
  // Connections whose temporary staging table exists (it lives as long as the connection).
  const staged = new WeakSet<pg.PoolClient>();
  let safeGroups = 0;

  async function safeInsert(client: pg.PoolClient, events: readonly StoredEvent[]): Promise<Set<string>> {
    if (!staged.has(client)) {
      await client.query(CREATE_STAGE_SQL);
      staged.add(client);
    }
    // One result per statement: [COPY, INSERT].
    const [, insert] = (await copy(client, COPY_STAGE_INSERT_SQL, events)) as [unknown, pg.QueryArrayResult<[string, string]>];
    const inserted = new Set(insert.rows.map(([site, id]) => eventKey(site, id)));
    // After the commit, in its own statement: an un-flag that fails fails the write, and the client's
    // retry (all duplicates then) runs it again. In (site, id) order, as every collector locks rows.
    const copies = humanDuplicates(events, (e) => inserted.has(eventKey(e.site, e.id))).sort((a, b) => compareBytes(a[0], b[0]) || compareBytes(a[1], b[1]));
    if (copies.length) await client.query(`UPDATE events e SET is_bot = 0 FROM (VALUES ${copies.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ')}) AS c (site, id) WHERE e.site = c.site AND e.id = c.id AND e.is_bot = 1`, copies.flat());
    return inserted;
  }

  // Fast path, then (on a stored duplicate) the duplicate-safe one: the keys inserted.
  async function insert(client: pg.PoolClient, events: readonly StoredEvent[], keys: Set<string>, inTransaction: boolean): Promise<Set<string>> {
    if (keys.size === events.length && safeGroups === 0) {
      try {
        await copy(client, COPY_EVENTS_SQL, [...events].sort(byKey));
        return keys;
      } catch (err) {
        if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
        // Nothing of the COPY was kept; the connection is ready for the next statement (inside a
        // transaction block, once the aborted block is rolled back and a new one begun).
        safeGroups = SAFE_GROUPS_AFTER_CONFLICT;
        if (inTransaction) await client.query('ROLLBACK; BEGIN');
      }
    } else {
      safeGroups = Math.max(0, safeGroups - 1);
    }
    return safeInsert(client, events);
  }

  return async (events) => {
    const keys = new Set(events.map((e) => eventKey(e.site, e.id)));
    const claims = identityClaims(events);
    return withClient(pool, async (client) => {
      // Identity rows go in the events' transaction, only for new events. Checked first outside any
      // transaction: when every claim is already true (a browser identified before), it is the plain insert.
      if (claims.length === 0 || (await planOnPg(client, claims)).length === 0) return { keys: await insert(client, events, keys, false) };
      await client.query('BEGIN');
      try {
        const inserted = await insert(client, events, keys, true);
        const ops = await planOnPg(client, claimsOfInserted(claims, (site, id) => inserted.has(eventKey(site, id))));
        await applyOnPg(client, ops);
        await client.query('COMMIT');
        return { keys: inserted, conflicts: conflictsByEvent(ops) };
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      }
    });
  };
}

function conflictsByEvent(ops: readonly IdentityOp[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const o of ops) if (o.op === 'conflict') out.set(eventKey(o.site, o.eventId), (out.get(eventKey(o.site, o.eventId)) ?? 0) + 1);
  return out;
}

/**
 * Runs `fn` on a connection of the pool and gives the connection back — closed instead when `fn` failed
 * (the connection may be broken or in an unknown state). As `pool.query` does, it listens to the
 * connection's errors meanwhile: a checked-out connection that dies emits `error`, which would crash the
 * process without a listener (the statement in flight fails with it).
 */
async function withClient<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error) => {
    broken = err;
  };
  client.on('error', onError);
  try {
    const result = await fn(client);
    client.removeListener('error', onError);
    client.release(broken);
    return result;
  } catch (err) {
    client.removeListener('error', onError);
    client.release(err as Error);
    throw err;
  }
}
