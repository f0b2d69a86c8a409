import type { Database as Db, Statement } from 'better-sqlite3';
import { eventFromRow, pushValues } from './columns.js';
import { mergeOrdered } from './merge-ordered.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { identityClaims, type Claim } from './identity.js';
import { groupCommit, openConnection, prepareInserts, writeWithIdentity } from './sqlite-connection.js';
import { startSqliteWriter } from './sqlite-writer.js';
import type { EventFilter, Store, StoredEvent, WriteResult } from './types.js';

/** Options of {@link openSqliteStore}. */
export interface SqliteStoreOptions {
  /**
   * `NORMAL` (default) survives a crash of the process; `FULL` also survives power loss at the cost of
   * an fsync per commit. See https://www.sqlite.org/wal.html#performance_considerations
   */
  synchronous?: 'NORMAL' | 'FULL';
  /** how long a writer waits for another process's lock, ms (default 5000) */
  busyTimeoutMs?: number;
  /** migrations to apply (default: all of {@link MIGRATIONS}; tests pass a subset) */
  migrations?: readonly Migration[];
  /**
   * Where inserts run: `thread` (default for files) commits on a worker thread with its own
   * connection, in parallel with request handling; `inline` on the calling thread (always for `:memory:`).
   */
  writer?: 'thread' | 'inline';
}

interface PendingWrite {
  values: unknown[];
  claims?: Claim[];
  count: number;
  resolve(result: WriteResult): void;
  reject(err: unknown): void;
}

// 25 rows × 27 columns = 675 parameters, well under SQLite's 32,766 limit.
const ROWS_PER_INSERT = 25;

const writeResult = (count: number, c: { inserted: number; conflicts: number }): WriteResult =>
  c.conflicts ? { inserted: c.inserted, duplicates: count - c.inserted, identityConflicts: c.conflicts } : { inserted: c.inserted, duplicates: count - c.inserted };

// Rows read per page by `iterate`: small enough to keep memory flat, large enough to amortise the query.
const PAGE = 1000;

/**
 * Applies the migrations this database has not seen yet, each recorded in `schema_migrations`.
 * `BEGIN IMMEDIATE` takes the write lock first, so collectors starting together apply each version once.
 */
function migrateSqlite(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const applied: number[] = [];
  db.transaction(() => {
    const done = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      db.exec(m.sql.sqlite);
      record.run(m.version, m.name, Date.now());
      applied.push(m.version);
    }
  }).immediate();
  return applied;
}

/**
 * Opens (creating if needed) a SQLite database file as a {@link Store}: WAL mode, migrations applied,
 * prepared statements, and group commit — writes arriving in the same event-loop turn share one
 * transaction, so many small batches cost one commit. Throws a precise error when the file cannot be
 * opened or written.
 *
 * @param path - database file, or `:memory:`
 * @param options - see {@link SqliteStoreOptions}
 * @example
 * const store = openSqliteStore('./touchpoint.db');
 * await store.write(events);
 * for await (const e of store.iterate({ site: 'shop' })) console.log(e.name);
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  const settings = { synchronous: options.synchronous === 'FULL' ? 'FULL' : 'NORMAL', busyTimeoutMs: Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000)) } as const;
  let db: Db;
  try {
    db = openConnection(path, settings);
    migrateSqlite(db, options.migrations);
  } catch (err) {
    throw new Error(`cannot open SQLite database "${path}": ${(err as Error).message}`);
  }

  const inMemory = path === ':memory:' || path === '';
  const thread = options.writer !== 'inline' && !inMemory ? startSqliteWriter({ path, ...settings, rowsPerInsert: ROWS_PER_INSERT }) : undefined;
  const statements = new Map<string, Statement>();
  let closed = false;
  // Inline writes: the same inserts and group commit as the writer thread, on this connection.
  const inline = thread
    ? undefined
    : groupCommit<PendingWrite>(
        db,
        writeWithIdentity(db, prepareInserts(db, ROWS_PER_INSERT)),
        (writes, committed) => writes.forEach((w, i) => w.resolve(writeResult(w.count, committed[i]!))),
        // The whole group rolled back: every caller learns its events were not stored.
        (writes, err) => writes.forEach((w) => w.reject(err)),
      );

  // Statements are cached per SQL text and mode (`raw` switches a statement to arrays for good).
  function prepare(sql: string, arrays = false): Statement {
    const key = arrays ? `arrays:${sql}` : sql;
    let s = statements.get(key);
    if (!s) {
      s = db.prepare(sql);
      // (better-sqlite3 refuses `raw` on a statement that returns no rows; queryArrays reports that itself.)
      if (arrays && s.reader) s.raw(true);
      if (statements.size > 200) statements.clear();
      statements.set(key, s);
    }
    return s;
  }

  // Keyset pagination on (ts, id) rather than one long-lived cursor: memory stays flat and the connection
  // stays free for writes between pages (better-sqlite3 refuses writes while an iterator is open).
  async function* iterateSite(site: string, filter: EventFilter): AsyncGenerator<StoredEvent> {
    const where = ['site = ?'];
    const params: unknown[] = [site];
    if (filter.from !== undefined) where.push('ts >= ?'), params.push(filter.from);
    if (filter.to !== undefined) where.push('ts < ?'), params.push(filter.to);
    const first = `SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY ts, id LIMIT ${PAGE}`;
    const next = `SELECT * FROM events WHERE ${where.join(' AND ')} AND (ts, id) > (?, ?) ORDER BY ts, id LIMIT ${PAGE}`;
    let last: Record<string, unknown> | undefined;
    for (;;) {
      if (closed) return;
      const rows = (last ? prepare(next).all(...params, last.ts, last.id) : prepare(first).all(...params)) as Record<string, unknown>[];
      for (const row of rows) yield eventFromRow(row);
      if (rows.length < PAGE) return;
      last = rows[rows.length - 1];
    }
  }

  const bind = (params: readonly unknown[]) => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));

  return {
    dialect: 'sqlite',

    write(events) {
      if (closed) return Promise.reject(new Error('store is closed'));
      if (events.length === 0) return Promise.resolve({ inserted: 0, duplicates: 0 });
      if (thread) return thread.write(events).then((c) => writeResult(events.length, c));
      const values: unknown[] = [];
      for (const e of events) pushValues(values, e);
      const claims = identityClaims(events);
      return new Promise<WriteResult>((resolve, reject) => inline!.add({ values, ...(claims.length ? { claims } : {}), count: events.length, resolve, reject }));
    },

    async ready() {
      if (closed || !db.open || (thread && !thread.healthy)) return false;
      try {
        db.prepare('SELECT 1').get();
        return true;
      } catch {
        return false;
      }
    },

    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      if (closed) throw new Error('store is closed');
      const stmt = prepare(sql);
      if (stmt.reader) return stmt.all(...bind(params)) as T[];
      stmt.run(...bind(params));
      return [];
    },

    async queryArrays(sql: string, params: readonly unknown[] = []): Promise<unknown[][]> {
      if (closed) throw new Error('store is closed');
      const stmt = prepare(sql, true);
      if (!stmt.reader) throw new Error('queryArrays runs reads only (a statement that returns rows)');
      return stmt.all(...bind(params)) as unknown[][];
    },

    iterate(filter: EventFilter): AsyncIterable<StoredEvent> {
      if (filter.site !== undefined) return iterateSite(filter.site, filter);
      // Without a site, merge one ordered stream per site: each uses the (site, ts) index, where a global
      // ORDER BY would sort the whole table for every page.
      const sites = prepare('SELECT DISTINCT site FROM events ORDER BY site').pluck().all() as string[];
      return mergeOrdered(sites.map((site) => iterateSite(site, filter)));
    },

    async close() {
      if (closed) return;
      closed = true;
      inline?.flush();
      // Writes already handed to the thread are committed before it closes.
      await thread?.close();
      db.close();
    },
  };
}
