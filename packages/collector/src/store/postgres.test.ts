import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations.js';
import { openPostgresStore } from './postgres.js';
import { storedEvent } from './stored-event.fixture.js';
import { connectAdmin, PG_TEST_URL } from './pg.fixture.js';

// Real PostgreSQL (TOUCHPOINT_PG_URL); each run works in its own schema so test files can run side by side.
const URL_ = PG_TEST_URL;
const schema = `tp_pgunit_${process.pid}_${Date.now().toString(36)}`;
let admin: pg.Client;

beforeAll(async () => {
  admin = await connectAdmin();
});
afterAll(async () => {
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}_race" CASCADE`).catch(() => {});
  await admin.end();
});


describe('PostgreSQL store', () => {
  it('applies each migration exactly once when several collectors start at the same moment', async () => {
    const race = `${schema}_race`;
    const stores = await Promise.all(Array.from({ length: 5 }, () => openPostgresStore(URL_, { schema: race, poolSize: 2 })));
    await Promise.all(stores.map((s) => s.close()));
    const { rows } = await admin.query(`SELECT version FROM "${race}".schema_migrations ORDER BY version`);
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    const idx = await admin.query(`SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = 'events' ORDER BY indexname`, [race]);
    expect(idx.rows.map((r) => r.indexname)).toEqual(['events_pkey', 'events_report_arrival', 'events_report_bots', 'events_report_conversion', 'events_report_landing', 'events_report_name', 'events_report_session_people', 'events_report_vitals', 'events_site_ts']);
  });

  it('round-trips every column, with BIGINT timestamps and counts as JS numbers', async () => {
    const store = await openPostgresStore(URL_, { schema });
    const e = storedEvent({ site: 'roundtrip', isBot: true, utmSource: 'google', data: '{"a":"é \\u0000"}', title: 'nul\u0000inside', metric: 'LCP', value: 1234.5 });
    expect(await store.write([e])).toEqual({ inserted: 1, duplicates: 0 });
    const [back] = await collect(store.iterate({ site: 'roundtrip' }));
    expect(back).toEqual({ ...e, title: 'nul\uFFFDinside' });
    const [row] = await store.query<{ n: unknown; total: unknown; ts: unknown }>('SELECT COUNT(*) AS n, SUM(ts) AS total, MAX(ts) AS ts FROM events WHERE site = ?', ['roundtrip']);
    expect(row).toEqual({ n: 1, total: e.ts, ts: e.ts });
    await store.close();
  });

  it('stores an event once per (site, id), counting re-sent ones — also within one batch and across concurrent writes', async () => {
    const store = await openPostgresStore(URL_, { schema });
    const site = 'dedupe';
    expect(await store.write([storedEvent({ site }), storedEvent({ site, id: 'e2' })])).toEqual({ inserted: 2, duplicates: 0 });
    expect(await store.write([storedEvent({ site }), storedEvent({ site, id: 'e3' }), storedEvent({ site, id: 'e3' })])).toEqual({ inserted: 1, duplicates: 2 });
    const batch = Array.from({ length: 50 }, (_, i) => storedEvent({ site, id: `c${i}` }));
    const results = await Promise.all([store.write(batch), store.write(batch), store.write(batch)]);
    expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(50);
    expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(100);
    const [row] = await store.query<{ n: number }>('SELECT COUNT(*) AS n FROM events WHERE site = ?', [site]);
    expect(row!.n).toBe(53);
    await store.close();
  });

  it('never deadlocks when two collectors insert the same fresh events in opposite orders', async () => {
    const [a, b] = await Promise.all([openPostgresStore(URL_, { schema, poolSize: 4 }), openPostgresStore(URL_, { schema, poolSize: 4 })]);
    for (let round = 0; round < 10; round++) {
      const events = Array.from({ length: 200 }, (_, i) => storedEvent({ site: 'deadlock', id: `r${round}-${i}` }));
      const halves = [events.slice(0, 100), events.slice(100)];
      // Each store gets both halves, in opposite orders and in opposite event order: every row contended.
      const results = await Promise.all([
        ...halves.map((h) => a.write(h)),
        ...halves.map((h) => b.write([...h].reverse())),
      ]);
      expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(200);
    }
    await Promise.all([a.close(), b.close()]);
  });

  it('iterates in (ts, id) order across pages and sites with a filter on time', async () => {
    const store = await openPostgresStore(URL_, { schema });
    const events = Array.from({ length: 2500 }, (_, i) =>
      storedEvent({ site: i % 2 ? 'iter-b' : 'iter-a', id: `i${String(i % 7).padStart(2, '0')}-${i}`, ts: 1_700_000_000_000 + Math.floor(i / 3) }),
    );
    await store.write(events);
    const got = await collect(store.iterate({ site: 'iter-a', from: 1_700_000_000_010, to: 1_700_000_000_800 }));
    const want = events
      .filter((e) => e.site === 'iter-a' && e.ts >= 1_700_000_000_010 && e.ts < 1_700_000_000_800)
      .sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1));
    expect(got.map((e) => e.id)).toEqual(want.map((e) => e.id));
    const all = (await collect(store.iterate({}))).filter((e) => e.site.startsWith('iter-'));
    expect(all).toHaveLength(2500);
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.ts <= all[i]!.ts).toBe(true);
    await store.close();
  });

  it('never opens more connections than poolSize, however many writes are in flight', async () => {
    // A unique application_name tells this store's connections from everyone else's.
    const app = `${schema}_pool`;
    const store = await openPostgresStore(`${URL_}${URL_.includes('?') ? '&' : '?'}application_name=${app}`, { schema, poolSize: 3 });
    let peak = 0;
    const writes = Promise.all(Array.from({ length: 60 }, (_, i) => store.write([storedEvent({ site: 'pool', id: `p${i}` })])));
    for (let i = 0; i < 5; i++) peak = Math.max(peak, await connectionsOf(app));
    await writes;
    peak = Math.max(peak, await connectionsOf(app));
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(3);
    await store.close();
  });

  it('fails at start with a clear message naming the server (password hidden) when PostgreSQL is unreachable', async () => {
    const bad = 'postgres://postgres:secret@127.0.0.1:1/test';
    await expect(openPostgresStore(bad, { connectTimeoutMs: 1000 })).rejects.toThrow(/cannot open PostgreSQL store at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/test: .*ECONNREFUSED/);
  });

  it('refuses a schema name that would need quoting', async () => {
    await expect(openPostgresStore(URL_, { schema: 'x"; DROP TABLE events; --' })).rejects.toThrow(/invalid PostgreSQL schema name/);
  });

  it('reports not ready and refuses writes once closed', async () => {
    const store = await openPostgresStore(URL_, { schema });
    expect(await store.ready()).toBe(true);
    await store.close();
    expect(await store.ready()).toBe(false);
    await expect(store.write([storedEvent()])).rejects.toThrow(/closed/);
  });
});

async function connectionsOf(app: string): Promise<number> {
  const { rows } = await admin.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [app]);
  return rows[0]!.n;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

