import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyText, CopyQuery } from './pg-copy.js';
import { compareBytes } from './pg-write.js';
import { openPostgresStore } from './postgres.js';
import type { Store } from './types.js';
import { storedEvent } from './stored-event.fixture.js';
import { connectAdmin, PG_TEST_URL } from './pg.fixture.js';

// Real PostgreSQL (TOUCHPOINT_PG_URL), in a schema of this run's own.
const URL_ = PG_TEST_URL;
const schema = `tp_pgwrite_${process.pid}_${Date.now().toString(36)}`;
let admin: pg.Client;
let store: Store;

beforeAll(async () => {
  admin = await connectAdmin();
  store = await openPostgresStore(URL_, { schema, poolSize: 2 });
});
afterAll(async () => {
  await store?.close();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
  await admin.end();
});


const ids = async (site: string) => (await store.query<{ id: string }>('SELECT id FROM events WHERE site = ? ORDER BY id', [site])).map((r) => r.id);

describe('PostgreSQL write path (COPY)', () => {
  it('stores text exactly, whatever COPY would read as a delimiter, an escape, a NULL or the end of data', async () => {
    const tricky = ['tab\there', 'line\nbreak', 'carriage\rreturn', 'back\\slash', '\\N', '\\.', '', '\\', 'end\\', 'é 中 😀', '\u0001\u001f\u007f'];
    const events = tricky.map((title, i) => storedEvent({ site: 'copy-text', id: `t${i}`, title, referrer: title, data: JSON.stringify({ title }) }));
    expect(await store.write(events)).toEqual({ inserted: tricky.length, duplicates: 0 });
    const rows = await store.query<{ id: string; title: string | null; referrer: string | null; user_id: string | null; data: string }>(
      'SELECT id, title, referrer, user_id, data FROM events WHERE site = ?',
      ['copy-text'],
    );
    for (const [i, title] of tricky.entries()) {
      const row = rows.find((r) => r.id === `t${i}`)!;
      expect(row).toEqual({ id: `t${i}`, title, referrer: title, user_id: null, data: JSON.stringify({ title }) });
    }
  });

  it('encodes NULL as \\N and U+0000 (which PostgreSQL text cannot hold) as U+FFFD', () => {
    const line = copyText([storedEvent({ title: 'a\u0000b', userId: null, isBot: true })]).toString('utf8');
    const fields = line.slice(0, -1).split('\t');
    expect(fields[6]).toBe('\\N');
    expect(fields[13]).toBe('a\uFFFDb');
    expect(fields[24]).toBe('1');
    expect(line.endsWith('\n')).toBe(true);
  });

  it('counts events already stored as duplicates and stores the rest, in one group with both', async () => {
    const site = 'copy-mixed';
    expect(await store.write([storedEvent({ site, id: 'a' }), storedEvent({ site, id: 'b' })])).toEqual({ inserted: 2, duplicates: 0 });
    // The COPY straight into events meets a stored row and keeps nothing; the group goes again, de-duplicated.
    expect(await store.write([storedEvent({ site, id: 'b' }), storedEvent({ site, id: 'c' }), storedEvent({ site, id: 'a' })])).toEqual({ inserted: 1, duplicates: 2 });
    // Later groups (de-duplicated directly for a while) count the same way.
    expect(await store.write([storedEvent({ site, id: 'c' }), storedEvent({ site, id: 'd' })])).toEqual({ inserted: 1, duplicates: 1 });
    expect(await store.write([storedEvent({ site, id: 'e' })])).toEqual({ inserted: 1, duplicates: 0 });
    expect(await ids(site)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('keeps nothing of a refused group — on either path — and the next group is not affected by it', async () => {
    const site = 'copy-refused';
    const good = [storedEvent({ site, id: 'g1' }), storedEvent({ site, id: 'g2' })];
    const bad = storedEvent({ site, id: 'bad', ts: 1.5 }); // not a BIGINT: the whole statement fails
    await expect(store.write([...good, bad])).rejects.toThrow(/bigint/);
    // A repeated key sends the group through the staging table.
    await expect(store.write([...good, good[0]!, bad])).rejects.toThrow(/bigint/);
    expect(await ids(site)).toEqual([]);
    expect(await store.write([good[1]!, good[0]!, good[0]!])).toEqual({ inserted: 2, duplicates: 1 });
    expect(await store.write([storedEvent({ site, id: 'g3' })])).toEqual({ inserted: 1, duplicates: 0 });
    expect(await ids(site)).toEqual(['g1', 'g2', 'g3']);
  });

  it('sends the COPY data without waiting, which a server whose COPY failed ignores: the connection stays usable', async () => {
    const client = new pg.Client({ connectionString: URL_ });
    await client.connect();
    try {
      const failed = new Promise((resolve, reject) => client.query(new CopyQuery('COPY no_such_table FROM STDIN', copyText([storedEvent()]), (err, r) => (err ? reject(err) : resolve(r)))));
      await expect(failed).rejects.toThrow(/no_such_table/);
      const { rows } = await client.query('SELECT 1 AS one');
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
    }
  });

  it('orders keys as PostgreSQL\'s COLLATE "C" does, so every collector locks rows in the same order', async () => {
    const keys = ['b', 'a', 'ab', 'a\uFFFD', 'a😀', 'a\uE000', 'A', 'é', 'z', '0', '', 'a\u007f'];
    const { rows } = await admin.query<{ k: string }>('SELECT k FROM unnest($1::text[]) AS k ORDER BY k COLLATE "C"', [keys]);
    expect([...keys].sort(compareBytes)).toEqual(rows.map((r) => r.k));
  });
});
