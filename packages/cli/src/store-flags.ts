import type { StoreOptions } from '@touchpoint/collector';

/**
 * The `node:util` `parseArgs` options every command that opens a store or sink accepts, so `serve`,
 * `load`, `report` and `export` spell them the same way.
 */
export const STORE_FLAGS = {
  db: { type: 'string' },
  pg: { type: 'string' },
  'pg-schema': { type: 'string' },
  'pg-pool': { type: 'string' },
  stream: { type: 'string' },
  'stream-name': { type: 'string' },
  'stream-subjects': { type: 'string' },
  'stream-replicas': { type: 'string' },
  'stream-max-bytes': { type: 'string' },
} as const;

/** Help text lines for {@link STORE_FLAGS}. */
export const STORE_FLAGS_HELP = `  --db FILE               SQLite database file (default ./touchpoint.db)
  --pg URL                PostgreSQL URL (default: $DATABASE_URL when no --db is given)
  --pg-schema NAME        PostgreSQL schema (default: the server's search_path)
  --pg-pool N             PostgreSQL connections per process (default 10)
  --stream URL            NATS JetStream URL, e.g. nats://127.0.0.1:4222
  --stream-name NAME      JetStream stream (default TOUCHPOINT)
  --stream-subjects P     subject prefix; events go to P.<site> (default touchpoint.events)
  --stream-replicas N     stream replicas when it is created (default 1; 3 in a cluster)
  --stream-max-bytes N    stream size limit; when full the collector answers 503 (default unlimited)`;

function positiveInt(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} must be a positive integer, got "${v}"`);
  return n;
}

/**
 * Turns parsed {@link STORE_FLAGS} values into {@link StoreOptions}, with a precise error for a bad value.
 *
 * @example
 * const { values } = parseArgs({ args: argv, options: { ...STORE_FLAGS } });
 * const store = await openStore(storeOptionsFromFlags(values));
 */
export function storeOptionsFromFlags(values: Partial<Record<keyof typeof STORE_FLAGS, string | boolean | undefined>>): StoreOptions {
  const s = (k: keyof typeof STORE_FLAGS) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const o: StoreOptions = {};
  if (s('db')) o.db = s('db');
  if (s('pg')) o.pg = s('pg');
  if (s('pg-schema')) o.pgSchema = s('pg-schema');
  if (s('pg-pool')) o.pgPool = positiveInt('pg-pool', s('pg-pool'));
  if (s('stream')) o.stream = s('stream');
  if (s('stream-name')) o.streamName = s('stream-name');
  if (s('stream-subjects')) o.streamSubjects = s('stream-subjects');
  if (s('stream-replicas')) o.streamReplicas = positiveInt('stream-replicas', s('stream-replicas'));
  if (s('stream-max-bytes')) o.streamMaxBytes = positiveInt('stream-max-bytes', s('stream-max-bytes'));
  if (o.pg && o.db) throw new Error('give either --pg or --db, not both');
  return o;
}
