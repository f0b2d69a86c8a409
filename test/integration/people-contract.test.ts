// Retention, a person's timeline and erasure on both stores: the same hand-computed expectations on a
// SQLite file (with its writer thread) and on PostgreSQL, in a schema of its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { describePeople } from '../../packages/collector/src/people/people-suite.fixture';
import { openPostgresStore } from '../../packages/collector/src/store/postgres';
import { openSqliteStore } from '../../packages/collector/src/store/sqlite';
import { dropSchema, type AdminClient, PG_URL, requirePostgres, uniqueSchema } from './support/pg';

const schema = uniqueSchema('people');
const dir = mkdtempSync(join(tmpdir(), 'tp-people-'));
let admin: AdminClient;

beforeAll(async () => {
  admin = await requirePostgres();
});
afterAll(async () => {
  await dropSchema(admin, schema);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
});

describePeople('SQLite file (contract)', () => openSqliteStore(join(dir, 'people.db')));
describePeople('PostgreSQL (contract)', () => openPostgresStore(PG_URL, { schema, poolSize: 4 }));
