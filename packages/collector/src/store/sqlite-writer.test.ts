import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite.js';
import { startSqliteWriter } from './sqlite-writer.js';
import { storedEvent } from './stored-event.fixture.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function migratedDb(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tp-writer-'));
  dirs.push(dir);
  const path = join(dir, 'events.db');
  await openSqliteStore(path, { writer: 'inline' }).close();
  return path;
}

const event = (id: string) => storedEvent({ id });

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('SQLite writer thread', () => {
  it('is replaced by a new thread when it dies: writes in between fail (never a false ack), then succeed', async () => {
    const path = await migratedDb();
    const writer = startSqliteWriter({ path, synchronous: 'NORMAL', busyTimeoutMs: 1000, rowsPerInsert: 25, respawnDelayMs: 100 });
    expect(await writer.write([event('e1')])).toEqual({ inserted: 1, conflicts: 0 });

    const first = writer.worker;
    await first.terminate();
    expect(writer.healthy).toBe(false);
    await expect(writer.write([event('e2')])).rejects.toThrow(/writer thread/);

    await until(() => writer.healthy);
    expect(writer.worker).not.toBe(first);
    expect(await writer.write([event('e2'), event('e1')])).toEqual({ inserted: 1, conflicts: 0 }); // e1 was committed before the crash
    await writer.close();

    const store = openSqliteStore(path, { writer: 'inline' });
    expect(await store.query('SELECT id FROM events ORDER BY id')).toEqual([{ id: 'e1' }, { id: 'e2' }]);
    await store.close();
  });

  it('rejects what it had not confirmed when it dies mid-flight', async () => {
    const path = await migratedDb();
    const writer = startSqliteWriter({ path, synchronous: 'NORMAL', busyTimeoutMs: 1000, rowsPerInsert: 25, respawnDelayMs: 100 });
    const inFlight = writer.write(Array.from({ length: 500 }, (_, i) => event(`m${i}`)));
    void writer.worker.terminate();
    // Either it committed before the end (resolved with the count) or the caller learns it may not have.
    const outcome = await inFlight.then((n) => n, (err: Error) => err.message);
    expect([500, 'SQLite writer thread exited']).toContain(outcome);
    await until(() => writer.healthy);
    await writer.close();
  });

  it('does not come back after close', async () => {
    const path = await migratedDb();
    const writer = startSqliteWriter({ path, synchronous: 'NORMAL', busyTimeoutMs: 1000, rowsPerInsert: 25, respawnDelayMs: 20 });
    await writer.close();
    await new Promise((r) => setTimeout(r, 60));
    expect(writer.healthy).toBe(false);
    await expect(writer.write([event('late')])).rejects.toThrow(/closed/);
  });
});
