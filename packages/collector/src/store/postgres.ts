import pg from 'pg';
import { redactUrl } from '../redact.js';
import { eventFromRow } from './columns.js';
import { groupWrites } from './group-writes.js';
import { mergeOrdered } from './merge-ordered.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { pgInserter } from './pg-write.js';
import { toNumberedPlaceholders } from './placeholders.js';
import type { EventFilter, Store, StoredEvent } from './types.js';

/** Options of {@link openPostgresStore}. */
export interface PostgresStoreOptions {
  /** most connections this collector opens (default 10): N collectors use at most N × poolSize */
  poolSize?: number;
  /** schema to work in (created if missing; default: the server's search_path). Tests use one per file. */
  schema?: string;
  /** how long to wait for a connection before a write fails (and the client gets a 503), ms (default 5000) */
  connectTimeoutMs?: number;
  /** server-side limit per statement, ms (default 30000): a stuck write fails instead of hanging a request */
  statementTimeoutMs?: number;
  /** migrations to apply (default: all of {@link MIGRATIONS}) */
  migrations?: readonly Migration[];
  /** called with errors of idle connections (server restart, network cut); default: ignored — the next query reconnects */
  onConnectionError?: (err: Error) => void;
}

// Rows read per page by `iterate`.
const PAGE = 1000;
const INT8 = 20;
const NUMERIC = 1700;

// `pg` returns BIGINT and NUMERIC as strings (they can exceed 2^53). Ours are ms timestamps and counts,
// far below that, and the Store contract promises numbers on every store.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

// The sites present, by skipping through the (site, ts) index one site at a time ("loose index scan"):
// a plain SELECT DISTINCT would read every row.
const DISTINCT_SITES = `WITH RECURSIVE s AS (
  SELECT MIN(site) AS site FROM events
  UNION ALL SELECT (SELECT MIN(site) FROM events WHERE site > s.site) FROM s WHERE s.site IS NOT NULL
) SELECT site FROM s WHERE site IS NOT NULL`;

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Applies the migrations this database (schema) has not seen yet, each recorded in `schema_migrations`,
 * in one transaction under `pg_advisory_xact_lock`: collectors starting together queue on the lock and
 * the later ones find every version applied.
 *
 * @returns the versions applied now
 */
async function migratePostgres(pool: pg.Pool, migrations: readonly Migration[] = MIGRATIONS, schema?: string): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('touchpoint.migrations.' || $1))", [schema ?? 'search_path']);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await client.query(m.sql.postgres);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Connects to PostgreSQL as a {@link Store}: a bounded connection pool, migrations applied at start
 * (safe when several collectors start at once), writes with group commit (writes that arrive while the
 * pool is busy share the next transaction), each group sent with `COPY` and de-duplicated by (site, id)
 * (see {@link pgInserter}) — committed before they resolve, a re-sent event counted as a duplicate. Rejects with
 * a precise message when the server cannot be reached or the migrations fail. While the server is down,
 * writes reject (the handler answers 503) and the pool reconnects by itself when it is back.
 *
 * @param url - `postgres://user:pass@host:port/db` (libpq URL, as `DATABASE_URL`)
 * @param options - see {@link PostgresStoreOptions}
 * @example
 * const store = await openPostgresStore(process.env.DATABASE_URL!, { poolSize: 20 });
 * await store.write(events);
 * const [row] = await store.query<{ n: number }>('SELECT COUNT(*) AS n FROM events WHERE site = ?', ['shop']);
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}": use letters, digits and _`);
  const poolSize = Math.max(1, Math.floor(options.poolSize ?? 10));
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    // A client-side bound too: a cut network may never deliver the server's answer or a reset.
    query_timeout: (options.statementTimeoutMs ?? 30_000) + 5000,
    keepAlive: true,
    types,
    ...(schema ? { options: `-c search_path="${schema}"` } : {}),
  });
  // An idle connection that dies (server restart, network cut) is reported here; without a listener
  // Node would crash the collector. The pool drops it and opens a fresh one on the next query.
  pool.on('error', (err) => options.onConnectionError?.(err));

  try {
    await migratePostgres(pool, options.migrations, schema);
  } catch (err) {
    await pool.end().catch(() => {});
    throw new Error(`cannot open PostgreSQL store at ${redactUrl(url)}: ${(err as Error).message || String(err)}`);
  }

  let closed = false;
  // One transaction per group (see pgInserter): resolved means committed; an error means none of it was.
  const write = groupWrites(pgInserter(pool), { slots: poolSize });
  const bind = (params: readonly unknown[]) => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));

  async function* iterateSite(site: string, filter: EventFilter): AsyncGenerator<StoredEvent> {
    const where = ['site = $1'];
    const params: unknown[] = [site];
    if (filter.from !== undefined) params.push(filter.from), where.push(`ts >= $${params.length}`);
    if (filter.to !== undefined) params.push(filter.to), where.push(`ts < $${params.length}`);
    const n = params.length;
    // COLLATE "C" orders ids by bytes, as SQLite does, whatever the database's collation.
    const first = `SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY ts, id COLLATE "C" LIMIT ${PAGE}`;
    const next = `SELECT * FROM events WHERE ${where.join(' AND ')} AND ts >= $${n + 1} AND (ts, id COLLATE "C") > ($${n + 1}, $${n + 2}) ORDER BY ts, id COLLATE "C" LIMIT ${PAGE}`;
    let last: Record<string, unknown> | undefined;
    for (;;) {
      if (closed) return;
      const { rows } = last ? await pool.query(next, [...params, last.ts, last.id]) : await pool.query(first, params);
      for (const row of rows) yield eventFromRow(row);
      if (rows.length < PAGE) return;
      last = rows[rows.length - 1];
    }
  }

  return {
    dialect: 'postgres',

    async write(events) {
      if (closed) throw new Error('store is closed');
      if (events.length === 0) return { inserted: 0, duplicates: 0 };
      return write(events);
    },

    async ready() {
      if (closed) return false;
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },

    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      if (closed) throw new Error('store is closed');
      const { sql: text } = toNumberedPlaceholders(sql);
      const result = await pool.query(text, bind(params));
      return (result.rows ?? []) as T[];
    },

    async queryArrays(sql: string, params: readonly unknown[] = []): Promise<unknown[][]> {
      if (closed) throw new Error('store is closed');
      const { sql: text } = toNumberedPlaceholders(sql);
      const result = await pool.query({ text, values: bind(params), rowMode: 'array' });
      return (result.rows ?? []) as unknown[][];
    },

    iterate(filter: EventFilter): AsyncIterable<StoredEvent> {
      if (filter.site !== undefined) return iterateSite(filter.site, filter);
      return (async function* () {
        if (closed) return;
        const { rows } = await pool.query<{ site: string }>(DISTINCT_SITES);
        yield* mergeOrdered(rows.map((r) => iterateSite(r.site, filter)));
      })();
    },

    async close() {
      if (closed) return;
      closed = true;
      // Waits for checked-out connections (in-flight writes) to come back, then disconnects.
      await pool.end();
    },
  };
}
