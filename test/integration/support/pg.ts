// PostgreSQL for integration tests: the URL from TOUCHPOINT_PG_URL, a loud failure when the server is
// missing (never a skip), and a schema of its own per test file so files can run side by side.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

// `pg` is the collector's dependency, not the workspace root's: load it from there.
const pg = createRequire(new URL('../../../packages/collector/package.json', import.meta.url))('pg') as {
  Client: new (config: { connectionString: string; connectionTimeoutMillis?: number }) => AdminClient;
};

/** The little of `pg.Client` the tests use. */
export interface AdminClient {
  connect(): Promise<void>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query<R = any>(sql: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
  end(): Promise<void>;
}

export const PG_URL = process.env.TOUCHPOINT_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Connects an admin client, failing with a message that says how to fix it. */
export async function requirePostgres(url = PG_URL): Promise<AdminClient> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`PostgreSQL is required for this test and is not reachable at ${url} (set TOUCHPOINT_PG_URL or run scripts/test.mjs, which starts one): ${(err as Error).message}`);
  }
  return client;
}

/** A fresh schema name (letters, digits, _) for one test file. */
export function uniqueSchema(label: string): string {
  return `tp_${label.replace(/[^a-z0-9_]/gi, '_')}_${randomBytes(4).toString('hex')}`;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(admin: AdminClient, schema: string): Promise<void> {
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

/** `url` with the libpq `options` parameter setting `search_path` to `schema` (for child processes). */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}
