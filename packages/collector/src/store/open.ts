import { openStreamSink } from '../stream/publisher.js';
import { redactNatsUrl, type StreamOptions } from '../stream/setup.js';
import { redactUrl, openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
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

/** The stream part of the options, for the publisher and the loader. */
export function streamOptionsOf(options: StoreOptions, url: string): StreamOptions {
  return { url, stream: options.streamName, subjectPrefix: options.streamSubjects, replicas: options.streamReplicas, maxBytes: options.streamMaxBytes };
}

/** The PostgreSQL URL the options select, if any: `--pg`, else `DATABASE_URL` unless `--db` was given. */
export function postgresUrl(options: StoreOptions): string | undefined {
  if (options.pg) return options.pg;
  if (options.db) return undefined;
  const env = options.env ?? process.env;
  return env.DATABASE_URL || undefined;
}

/**
 * Opens the queryable store the options name: PostgreSQL (`pg` / `DATABASE_URL`), else SQLite
 * (default `./touchpoint.db`).
 *
 * @example
 * const store = await openStore({ db: './touchpoint.db' });
 * const shared = await openStore({ pg: 'postgres://collector@db.internal/touchpoint', pgPool: 20 });
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  const pg = postgresUrl(options);
  if (pg) return openPostgresStore(pg, { schema: options.pgSchema, poolSize: options.pgPool });
  return openSqliteStore(options.db ?? './touchpoint.db');
}

/**
 * Opens where the ingestion pipeline writes: a JetStream stream (`stream`) that loaders move into a
 * store, else the store itself.
 *
 * @example
 * const sink = await openSink({ db: './touchpoint.db' });
 * const streamed = await openSink({ stream: 'nats://127.0.0.1:4222' });
 */
export async function openSink(options: StoreOptions): Promise<EventSink> {
  if (options.stream) {
    return openStreamSink(streamOptionsOf(options, options.stream));
  }
  return openStore(options);
}

/** A one-line description of where events go, for start-up logs. */
export function describeStore(options: StoreOptions): string {
  if (options.stream) return `JetStream ${redactNatsUrl(options.stream)} stream ${options.streamName ?? 'TOUCHPOINT'}`;
  const pg = postgresUrl(options);
  if (pg) return `PostgreSQL ${redactUrl(pg)}${options.pgSchema ? ` schema ${options.pgSchema}` : ''}`;
  return `SQLite ${options.db ?? './touchpoint.db'}`;
}
