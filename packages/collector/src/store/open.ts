// Opens the store or sink a set of options names. The drivers are optional: each backend's module —
// and with it `better-sqlite3`, `pg` or the NATS client — is imported only when the options choose it.
import { redactNatsUrl, redactUrl } from '../redact.js';
import type { StreamOptions } from '../stream/options.js';
import type { EventSink, Store } from './types.js';

/**
 * Where to store: the flags/env a command was given. One field per backend; `openStore` picks the
 * first one set, so adding a backend is one field and one branch.
 */
export interface StoreOptions {
  /** SQLite database file (`--db`) */
  db?: string;
  /** PostgreSQL URL (`--pg`; else `DATABASE_URL` when no `--db` is given) */
  pg?: string;
  /** PostgreSQL schema (`--pg-schema`; default the server's search_path) */
  pgSchema?: string;
  /** PostgreSQL connections per process (`--pg-pool`, default 10) */
  pgPool?: number;
  /** NATS URL (`--stream`): the collector publishes to JetStream instead of writing a store */
  stream?: string;
  /** JetStream stream name (`--stream-name`, default `TOUCHPOINT`) */
  streamName?: string;
  /** subject prefix (`--stream-subjects`, default `touchpoint.events`) */
  streamSubjects?: string;
  /** JetStream replicas (`--stream-replicas`, default 1) */
  streamReplicas?: number;
  /** stream size limit in bytes (`--stream-max-bytes`, default unlimited) */
  streamMaxBytes?: number;
  /** environment to read `DATABASE_URL` from (default `process.env`) */
  env?: Record<string, string | undefined>;
}

/**
 * The stream part of {@link StoreOptions}, for the publisher and the loader.
 * @example streamOptionsOf({ stream: 'nats://127.0.0.1:4222', streamName: 'TP' }, 'nats://127.0.0.1:4222')
 */
export function streamOptionsOf(options: StoreOptions, url: string): StreamOptions {
  return { url, stream: options.streamName, subjectPrefix: options.streamSubjects, replicas: options.streamReplicas, maxBytes: options.streamMaxBytes };
}

/**
 * The PostgreSQL URL the options select, if any: `pg`, else `DATABASE_URL` unless `db` was given.
 * @example postgresUrl({ db: './touchpoint.db' }) // undefined, even with DATABASE_URL set
 */
export function postgresUrl(options: StoreOptions): string | undefined {
  if (options.pg) return options.pg;
  if (options.db) return undefined;
  const env = options.env ?? process.env;
  return env.DATABASE_URL || undefined;
}

/** Imports a backend module, turning a missing optional driver into an error that says what to install. */
async function withDrivers<T>(load: () => Promise<T>, drivers: readonly string[], what: string): Promise<T> {
  try {
    return await load();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if ((e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') && drivers.some((d) => e.message.includes(`'${d}'`))) {
      const names = drivers.map((d) => `"${d}"`).join(' and ');
      const kind = drivers.length > 1 ? 'packages, optional peer dependencies' : 'package, an optional peer dependency';
      throw new Error(`${what} needs the ${names} ${kind} of @touchpoint/collector: npm install ${drivers.join(' ')}`);
    }
    throw err;
  }
}

/**
 * Opens the queryable store the options name: PostgreSQL (`pg` / `DATABASE_URL`; needs `pg` installed),
 * else SQLite (default `./touchpoint.db`; needs `better-sqlite3`).
 *
 * @example
 * const store = await openStore({ db: './touchpoint.db' });
 * const shared = await openStore({ pg: 'postgres://collector@db.internal/touchpoint', pgPool: 20 });
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  const pg = postgresUrl(options);
  if (pg) {
    const { openPostgresStore } = await withDrivers(() => import('./postgres.js'), ['pg'], 'a PostgreSQL store');
    return openPostgresStore(pg, { schema: options.pgSchema, poolSize: options.pgPool });
  }
  const { openSqliteStore } = await withDrivers(() => import('./sqlite.js'), ['better-sqlite3'], 'a SQLite store');
  return openSqliteStore(options.db ?? './touchpoint.db');
}

/**
 * Opens where the ingestion pipeline writes: a JetStream stream (`stream`; needs `@nats-io/jetstream` and
 * `@nats-io/transport-node`) that loaders move into a store, else the store itself.
 *
 * @example
 * const sink = await openSink({ db: './touchpoint.db' });
 * const streamed = await openSink({ stream: 'nats://127.0.0.1:4222' });
 */
export async function openSink(options: StoreOptions): Promise<EventSink> {
  if (options.stream) {
    const { openStreamSink } = await withDrivers(() => import('../stream/publisher.js'), ['@nats-io/jetstream', '@nats-io/transport-node'], 'a JetStream stream');
    return openStreamSink(streamOptionsOf(options, options.stream));
  }
  return openStore(options);
}

/**
 * Where events go, in one line for start-up logs, with credentials masked.
 * @example describeStore({ pg: 'postgres://app:s3cret@db/tp' }) // 'PostgreSQL postgres://app:***@db/tp'
 */
export function describeStore(options: StoreOptions): string {
  if (options.stream) return `JetStream ${redactNatsUrl(options.stream)} stream ${options.streamName ?? 'TOUCHPOINT'}`;
  const pg = postgresUrl(options);
  if (pg) return `PostgreSQL ${redactUrl(pg)}${options.pgSchema ? ` schema ${options.pgSchema}` : ''}`;
  return `SQLite ${options.db ?? './touchpoint.db'}`;
}
