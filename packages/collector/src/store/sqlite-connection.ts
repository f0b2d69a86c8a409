// What the SQLite store's own connection and its writer thread share: the pragmas, the insert
// statements and the group commit. One type-checked module for both, so the thread cannot drift from
// the inline path (it used to run a string copy of this code).
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { UNFLAG_COPY_SQL } from './bot-copies.js';
import { EVENT_COLUMNS } from './columns.js';

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

/**
 * Prepares the event inserts on `db`: `insert(values)` takes the column values of whole rows, flat, in
 * {@link EVENT_COLUMNS} order, and returns how many rows were new. ON CONFLICT DO NOTHING makes a re-sent
 * event a no-op; rows go `rowsPerInsert` to a statement (one call into SQLite instead of one per row).
 */
export function prepareInserts(db: Db, rowsPerInsert: number): (values: readonly unknown[]) => number {
  const columns = EVENT_COLUMNS.map(([c]) => c);
  const width = columns.length;
  const row = `(${columns.map(() => '?').join(', ')})`;
  const sql = (n: number) => `INSERT INTO events (${columns.join(', ')}) VALUES ${Array(n).fill(row).join(', ')} ON CONFLICT (site, id) DO NOTHING`;
  const many = db.prepare(sql(rowsPerInsert));
  const one = db.prepare(sql(1));
  const unflag = db.prepare(UNFLAG_COPY_SQL);
  const [site, id, isBot] = (['site', 'id', 'is_bot'] as const).map((c) => columns.indexOf(c)) as [number, number, number];
  return (values) => {
    const count = values.length / width;
    let inserted = 0;
    let i = 0;
    for (; i + rowsPerInsert <= count; i += rowsPerInsert) inserted += many.run(values.slice(i * width, (i + rowsPerInsert) * width)).changes;
    for (; i < count; i++) inserted += one.run(values.slice(i * width, (i + 1) * width)).changes;
    // Which rows were the duplicates is not known here; a human row just inserted matches nothing.
    if (inserted < count) for (let r = 0; r < count; r++) if (values[r * width + isBot] === 0) unflag.run(values[r * width + site], values[r * width + id]);
    return inserted;
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
 * batches cost one commit. `done` gets each write's count of new rows, in order; `failed` the whole
 * group when the transaction rolled back.
 */
export function groupCommit<W extends { values: readonly unknown[] }>(
  db: Db,
  insert: (values: readonly unknown[]) => number,
  done: (writes: W[], inserted: number[]) => void,
  failed: (writes: W[], err: unknown) => void,
): GroupCommit<W> {
  const commit = db.transaction((writes: W[]) => writes.map((w) => insert(w.values)));
  let queue: W[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const writes = queue;
    queue = [];
    if (writes.length === 0) return;
    let inserted: number[];
    try {
      inserted = commit(writes);
    } catch (err) {
      return failed(writes, err);
    }
    done(writes, inserted);
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
