import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStore as openStore } from './sqlite.js';
import type { Store, StoredEvent } from './types.js';
import { storedEvent } from './stored-event.fixture.js';

const dirs: string[] = [];
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-sqlite-'));
  dirs.push(dir);
  return join(dir, 'test.db');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});


describe.each(['thread', 'inline'] as const)('SQLite store, %s writer', (writer) => {
  const openSqliteStore = (path: string) => openStore(path, { writer });
  it('applies every migration once and records it in schema_migrations, even when reopened', async () => {
    const path = tempDb();
    await openSqliteStore(path).close();
    await openSqliteStore(path).close();
    const db = new Database(path, { readonly: true });
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('keeps only the indexes that queries use, and the journey session join reads events_report_session', async () => {
    const path = tempDb();
    const store = openSqliteStore(path);
    const names = await store.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL ORDER BY name");
    // Each index is one more b-tree insert per stored event (migration 4 dropped the redundant ones,
    // migration 6 the visitor index in favour of the journey_days rollup; migration 14 widened the session
    // index and added the partial arrivals index; migration 16 the partial index of bot touchpoints, which
    // a human touchpoint's insert does not touch).
    expect(names.map((r) => r.name)).toEqual(['events_report_arrival', 'events_report_bots', 'events_report_conversion', 'events_report_landing', 'events_report_name', 'events_report_session_people', 'events_report_vitals', 'events_site_ts']);
    const plan = await store.query<{ detail: string }>('EXPLAIN QUERY PLAN SELECT COUNT(*) FROM events WHERE site = ? AND session_id = ? AND ts = ?', ['shop', 's1', 1]);
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/COVERING INDEX events_report_session_people/);
    const bots = await store.query<{ detail: string }>('EXPLAIN QUERY PLAN SELECT COUNT(*) FROM events WHERE is_bot = 1 AND site = ? AND ts >= ? AND ts < ?', ['shop', 0, 1]);
    expect(bots.map((p) => p.detail).join(' ')).toMatch(/COVERING INDEX events_report_bots/);
    await store.close();
  });

  it('answers queryArrays with each row as an array of its values, and refuses a statement that returns none', async () => {
    const store = openStore(tempDb());
    await store.write([storedEvent(), storedEvent({ id: 'e2', ts: 1_700_000_000_500 })]);
    expect(await store.queryArrays('SELECT id, ts FROM events WHERE site = ? ORDER BY id', ['shop'])).toEqual([['e1', 1_700_000_000_000], ['e2', 1_700_000_000_500]]);
    await expect(store.queryArrays('DELETE FROM events WHERE site = ?', ['shop'])).rejects.toThrow('queryArrays runs reads only (a statement that returns rows)');
    expect(await store.query('SELECT COUNT(*) AS n FROM events')).toEqual([{ n: 2 }]);
    await store.close();
  });

  it('stores an event once per (site, id) and reports re-sent ones as duplicates', async () => {
    const store = openSqliteStore(tempDb());
    expect(await store.write([storedEvent(), storedEvent({ id: 'e2' })])).toEqual({ inserted: 2, duplicates: 0 });
    expect(await store.write([storedEvent(), storedEvent({ id: 'e3' })])).toEqual({ inserted: 1, duplicates: 1 });
    // The same id on another site is another event.
    expect(await store.write([storedEvent({ site: 'blog' })])).toEqual({ inserted: 1, duplicates: 0 });
    const rows = await store.query<{ n: number }>('SELECT COUNT(*) AS n FROM events WHERE site = ?', ['shop']);
    expect(rows[0]!.n).toBe(3);
    await store.close();
  });

  it('dedupes concurrent writes of the same batch committed in one group', async () => {
    const store = openSqliteStore(tempDb());
    const batch = [storedEvent({ id: 'x1' }), storedEvent({ id: 'x2' })];
    const results = await Promise.all([store.write(batch), store.write(batch), store.write(batch)]);
    expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(2);
    expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(4);
    await store.close();
  });

  it('round-trips every column, booleans included', async () => {
    const store = openSqliteStore(tempDb());
    const e = storedEvent({ isBot: true, sessionId: 'bot-session', userId: 'u1', utmSource: 'google', data: '{"id":"e1"}' });
    const vitals = storedEvent({ id: 'e2', ts: e.ts + 1, name: 'web_vitals', phase: null, p5: null, metric: 'LCP', value: 1234.5 });
    await store.write([e, vitals]);
    const got: StoredEvent[] = [];
    for await (const x of store.iterate({ site: 'shop' })) got.push(x);
    // metric and value, absent from a write, read back as null
    expect(got).toEqual([{ ...e, metric: null, value: null }, vitals]);
    await store.close();
  });

  it('iterates in (ts, id) order across pages and sites, honouring site/from/to', async () => {
    const store: Store = openSqliteStore(tempDb());
    const events: StoredEvent[] = [];
    for (let i = 0; i < 2500; i++) {
      events.push(storedEvent({ site: i % 2 ? 'a' : 'b', id: `id${String(i % 7).padStart(2, '0')}-${i}`, ts: 1000 + Math.floor(i / 3) }));
    }
    await store.write(events);
    const all: StoredEvent[] = [];
    for await (const e of store.iterate({})) all.push(e);
    expect(all).toHaveLength(2500);
    for (let i = 1; i < all.length; i++) {
      const [p, c] = [all[i - 1]!, all[i]!];
      expect(p.ts < c.ts || (p.ts === c.ts && p.id <= c.id)).toBe(true);
    }
    let n = 0;
    for await (const e of store.iterate({ site: 'a', from: 1100, to: 1200 })) {
      expect(e.site).toBe('a');
      expect(e.ts).toBeGreaterThanOrEqual(1100);
      expect(e.ts).toBeLessThan(1200);
      n++;
    }
    expect(n).toBe(events.filter((e) => e.site === 'a' && e.ts >= 1100 && e.ts < 1200).length);
    await store.close();
  });

  it('rejects writes after close and reports not ready', async () => {
    const store = openSqliteStore(tempDb());
    const pending = store.write([storedEvent()]);
    await store.close();
    // A write queued before close is still committed.
    expect(await pending).toEqual({ inserted: 1, duplicates: 0 });
    await expect(store.write([storedEvent({ id: 'late' })])).rejects.toThrow(/closed/);
    expect(await store.ready()).toBe(false);
  });

  it('fails with the path in the message when the file cannot be created', () => {
    expect(() => openSqliteStore('/nonexistent-dir/x/touchpoint.db')).toThrow(/cannot open SQLite database "\/nonexistent-dir\/x\/touchpoint.db"/);
  });
});

describe('SQLite store, thread writer', () => {
  it('makes committed writes visible to queries on the store connection at once', async () => {
    const store = openStore(tempDb());
    for (let i = 0; i < 20; i++) {
      await store.write([storedEvent({ id: `v${i}` })]);
      const rows = await store.query<{ n: number }>('SELECT COUNT(*) AS n FROM events');
      expect(rows[0]!.n).toBe(i + 1);
    }
    await store.close();
  });

  it('commits many concurrent writes, each told its own counts', async () => {
    const store = openStore(tempDb());
    const writes = Array.from({ length: 200 }, (_, i) => store.write([storedEvent({ id: `c${i}` }), storedEvent({ id: `c${i + 1}` })]));
    const results = await Promise.all(writes);
    expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(201);
    expect(results.reduce((n, r) => n + r.inserted + r.duplicates, 0)).toBe(400);
    await store.close();
  });
});
