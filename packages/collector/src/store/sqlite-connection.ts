// What the SQLite store's own connection and its writer thread share: the pragmas, the insert
// statements and the group commit. One type-checked module for both, so the thread cannot drift from
// the inline path (it used to run a string copy of this code).
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { UNFLAG_COPY_SQL } from './bot-copies.js';
import { EVENT_COLUMNS } from './columns.js';
import { eventKey } from './group-writes.js';
import { claimsOfInserted, conflictCount, type Claim } from './identity.js';
import { sqliteIdentity } from './identity-sqlite.js';

/** How a connection syncs and waits for locks. */
export interface ConnectionSettings {
  /** `NORMAL` survives a process crash; `FULL` power loss too, at an fsync per commit */
  synchronous: 'NORMAL' | 'FULL';
  /** how long a writer waits for another process's lock, ms */
  busyTimeoutMs: number;
}

/**
 * Opens a connection with the store's pragmas: WAL, the sync mode, the busy timeout, a 32 MB page
 * cache (the five b-trees an insert touches stay in memory) and a checkpoint every ~40 MB of WAL instead
 * of 4 MB (hot index pages are copied back once per checkpoint, and checkpoints are where NORMAL fsyncs).
 */
export function openConnection(path: string, settings: ConnectionSettings): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${settings.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(settings.busyTimeoutMs))}`);
  db.pragma('cache_size = -32768');
  db.pragma('wal_autocheckpoint = 10000');
  return db;
}

/** What one write committed: new rows, and identity conflicts written for them (docs/identity.md rule 2). */
export interface Committed {
  inserted: number;
  conflicts: number;
}

/** The inserts of {@link prepareInserts}: `count` returns new rows, `keys` their `site \0 id`. */
export interface Inserts {
  count(values: readonly unknown[]): number;
  keys(values: readonly unknown[]): Set<string>;
}

/**
 * Prepares the event inserts on `db`: each takes the column values of whole rows, flat, in
 * {@link EVENT_COLUMNS} order. ON CONFLICT DO NOTHING makes a re-sent event a no-op; rows go
 * `rowsPerInsert` to a statement (one call into SQLite instead of one per row). `keys` (RETURNING) is for
 * writes whose identity claims need to know which events were new.
 */
export function prepareInserts(db: Db, rowsPerInsert: number): Inserts {
  const columns = EVENT_COLUMNS.map(([c]) => c);
  const width = columns.length;
  const row = `(${columns.map(() => '?').join(', ')})`;
  const sql = (n: number) => `INSERT INTO events (${columns.join(', ')}) VALUES ${Array(n).fill(row).join(', ')} ON CONFLICT (site, id) DO NOTHING`;
  const many = db.prepare(sql(rowsPerInsert));
  const one = db.prepare(sql(1));
  const unflag = db.prepare(UNFLAG_COPY_SQL);
  const [site, id, isBot] = (['site', 'id', 'is_bot'] as const).map((c) => columns.indexOf(c)) as [number, number, number];
  const manyKeys = db.prepare(`${sql(rowsPerInsert)} RETURNING site, id`).raw(true);
  const oneKeys = db.prepare(`${sql(1)} RETURNING site, id`).raw(true);
  return {
    count(values) {
      const count = values.length / width;
      let inserted = 0;
      let i = 0;
      for (; i + rowsPerInsert <= count; i += rowsPerInsert) inserted += many.run(values.slice(i * width, (i + rowsPerInsert) * width)).changes;
      for (; i < count; i++) inserted += one.run(values.slice(i * width, (i + 1) * width)).changes;
      // A human copy of a touchpoint stored as a bot's un-flags it (bot-copies.ts). Which rows were the
      // duplicates is not known here; a human row just inserted matches nothing.
      if (inserted < count) for (let r = 0; r < count; r++) if (values[r * width + isBot] === 0) unflag.run(values[r * width + site], values[r * width + id]);
      return inserted;
    },
    keys(values) {
      const count = values.length / width;
      const out = new Set<string>();
      const add = (rows: unknown[][]) => rows.forEach(([site, id]) => out.add(eventKey(site as string, id as string)));
      let i = 0;
      for (; i + rowsPerInsert <= count; i += rowsPerInsert) add(manyKeys.all(values.slice(i * width, (i + rowsPerInsert) * width)) as unknown[][]);
      for (; i < count; i++) add(oneKeys.all(values.slice(i * width, (i + 1) * width)) as unknown[][]);
      if (out.size < count) {
        for (let r = 0; r < count; r++) {
          const [s, e] = [values[r * width + site] as string, values[r * width + id] as string];
          if (values[r * width + isBot] === 0 && !out.has(eventKey(s, e))) unflag.run(s, e);
        }
      }
      return out;
    },
  };
}

/**
 * One write inside the transaction: the events, then the identity rows their claims add — only for
 * events that were new (a re-sent copy links nothing again). Without claims, or when every claim is
 * already true (checked first, with primary-key seeks), it is the plain insert.
 */
export function writeWithIdentity(db: Db, inserts: Inserts): (values: readonly unknown[], claims: readonly Claim[] | undefined) => Committed {
  const identity = sqliteIdentity(db);
  return (values, claims) => {
    if (!claims?.length || identity.plan(claims).length === 0) return { inserted: inserts.count(values), conflicts: 0 };
    const keys = inserts.keys(values);
    const ops = identity.plan(claimsOfInserted(claims, (site, id) => keys.has(eventKey(site, id))));
    identity.apply(ops);
    return { inserted: keys.size, conflicts: conflictCount(ops) };
  };
}

/** A queue of writes committed together. */
export interface GroupCommit<W> {
  add(write: W): void;
  /** commits what is queued now (also run by itself at the end of the turn) */
  flush(): void;
}

/**
 * Group commit: every write added in the same event-loop turn shares one transaction, so many small
 * batches cost one commit. `done` gets what each write committed, in order; `failed` the whole group
 * when the transaction rolled back.
 */
export function groupCommit<W extends { values: readonly unknown[]; claims?: Claim[] }>(
  db: Db,
  write: (values: readonly unknown[], claims: readonly Claim[] | undefined) => Committed,
  done: (writes: W[], committed: Committed[]) => void,
  failed: (writes: W[], err: unknown) => void,
): GroupCommit<W> {
  const commit = db.transaction((writes: W[]) => writes.map((w) => write(w.values, w.claims)));
  let queue: W[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const writes = queue;
    queue = [];
    if (writes.length === 0) return;
    let committed: Committed[];
    try {
      committed = commit(writes);
    } catch (err) {
      return failed(writes, err);
    }
    done(writes, committed);
  };
  return {
    add(write) {
      queue.push(write);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
