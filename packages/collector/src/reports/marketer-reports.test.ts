import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { connectAdmin, PG_TEST_URL } from '../store/pg.fixture.js';
import { openPostgresStore } from '../store/postgres.js';
import { openSqliteStore } from '../store/sqlite.js';
import { describeMarketerReports } from './marketer-suite.fixture.js';

// The same hand-computed expectations on both stores (PostgreSQL in a schema of this run's own).
const schema = `tp_marketer_${process.pid}_${Date.now().toString(36)}`;
let admin: pg.Client;
beforeAll(async () => {
  admin = await connectAdmin();
});
afterAll(async () => {
  await admin?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
  await admin?.end();
});

describeMarketerReports('SQLite', () => openSqliteStore(':memory:'));
describeMarketerReports('PostgreSQL', () => openPostgresStore(PG_TEST_URL, { schema, poolSize: 4 }));
