// Both stores for one test file: SQLite files in a temporary folder and PostgreSQL in schemas of the
// file's own, created on first use and dropped (with the folder) after the file's tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openPostgresStore } from '../../../packages/collector/src/store/postgres';
import { openSqliteStore } from '../../../packages/collector/src/store/sqlite';
import { dropSchema, type AdminClient, PG_URL, requirePostgres, uniqueSchema } from './pg';

/** What {@link testStores} gives a file: a fresh SQLite file or a store in the file's PostgreSQL schema. */
export interface TestStores {
  /** the file's PostgreSQL schema */
  schema: string;
  /** opens a SQLite store on a new file (or on `name`, shared, when given) */
  sqlite(name?: string, options?: Parameters<typeof openSqliteStore>[1]): ReturnType<typeof openSqliteStore>;
  /** opens a PostgreSQL store in the file's schema (or in another schema of the file, `schema`) */
  postgres(options?: { poolSize?: number; schema?: string }): ReturnType<typeof openPostgresStore>;
  /** another schema name dropped with the file's */
  extraSchema(label: string): string;
}

/** Registers the setup and clean-up of both stores for the calling test file (`label` names its temp things). */
export function testStores(label: string): TestStores {
  const schema = uniqueSchema(label);
  const schemas = [schema];
  const dir = mkdtempSync(join(tmpdir(), `tp-${label}-`));
  let admin: AdminClient;
  let files = 0;
  beforeAll(async () => {
    admin = await requirePostgres();
  });
  afterAll(async () => {
    for (const s of schemas) await dropSchema(admin, s);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    schema,
    sqlite: (name, options) => openSqliteStore(join(dir, name ?? `${label}-${++files}.db`), options),
    postgres: (options = {}) => openPostgresStore(PG_URL, { schema: options.schema ?? schema, poolSize: options.poolSize ?? 4 }),
    extraSchema(extra) {
      const s = uniqueSchema(extra);
      schemas.push(s);
      return s;
    },
  };
}
