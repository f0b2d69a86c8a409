import pg from 'pg';
import { redactUrl } from '../redact.js';

/** The PostgreSQL the store tests use (TOUCHPOINT_PG_URL; the test command starts one when none runs). */
export const PG_TEST_URL = process.env.TOUCHPOINT_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** An admin connection for a test file, failing with a clear message when PostgreSQL is not there. */
export async function connectAdmin(): Promise<pg.Client> {
  const admin = new pg.Client({ connectionString: PG_TEST_URL });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable at ${redactUrl(PG_TEST_URL)} (set TOUCHPOINT_PG_URL): ${(err as Error).message}`);
  }
  return admin;
}
