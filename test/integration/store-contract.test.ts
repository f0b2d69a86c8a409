// One behaviour suite, run against both stores: whatever a report, export or the collector relies on must
// hold on SQLite and on PostgreSQL alike. PostgreSQL runs in a schema of its own (TOUCHPOINT_PG_URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adsReport, feedbackReport, journeyReport } from '../../packages/collector/src/reports';
import { describeReports } from '../../packages/collector/src/reports/report-suite.fixture';
import { sampleEvents, toStoredEvent } from '../../packages/collector/src/reports/sample-events.fixture';
import { MIGRATIONS } from '../../packages/collector/src/store/migrations';
import type { Store, StoredEvent } from '../../packages/collector/src/store/types';
import { storedEvent } from './support/events';
import { testStores } from './support/stores';

const stores = testStores('contract');
const STORES: Array<[string, () => Promise<Store>]> = [
  ['SQLite', async () => stores.sqlite()],
  ['PostgreSQL', () => stores.postgres()],
];

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe.each(STORES)('store contract on %s', (label, open) => {
  let store: Store;
  // Unique per store and run: both stores' rows could otherwise meet in a shared database.
  const site = (name: string) => `${label}-${name}-${process.pid}`;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(() => store.close());

  it('records every migration in schema_migrations, and opening again applies nothing twice', async () => {
    const again = await open();
    const rows = await again.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    await again.close();
  });

  it('returns what was written, column for column, with nulls, booleans and non-ASCII text intact', async () => {
    const e = storedEvent({ site: site('rt'), title: 'Zapatillas ñandú 🏃 "quoted" \\ back', userId: 'u1', referrer: 'https://www.google.com/', utmSource: 'google', utmMedium: 'cpc', utmCampaign: 'trail', utmTerm: 'a b', utmContent: 'ad-1', clickIdParam: 'gclid', isBot: true, ip: null, data: '{"x":[1,2,{"y":"é"}]}', name: 'web_vitals', metric: 'LCP', value: 2512.25 });
    const plain = storedEvent({ site: site('rt'), id: 'zz', anonymousId: null, sessionId: null, phase: null, p5: null, url: null, path: null, title: null, browser: null, os: null, device: null });
    expect(await store.write([e, plain])).toEqual({ inserted: 2, duplicates: 0 });
    const back = await collect(store.iterate({ site: site('rt') }));
    expect(back).toEqual([e, plain].sort((a, b) => (a.id < b.id ? -1 : 1)));
  });

  it('stores each (site, id) once: re-sent events, repeats inside a batch and concurrent writers all count as duplicates', async () => {
    const s = site('dedupe');
    const a = storedEvent({ site: s, id: 'a' });
    expect(await store.write([a, storedEvent({ site: s, id: 'b' })])).toEqual({ inserted: 2, duplicates: 0 });
    expect(await store.write([a, storedEvent({ site: s, id: 'c' }), storedEvent({ site: s, id: 'c' })])).toEqual({ inserted: 1, duplicates: 2 });
    // The same id on another site is another event.
    expect(await store.write([{ ...a, site: site('dedupe-other') }])).toEqual({ inserted: 1, duplicates: 0 });
    const batch = Array.from({ length: 100 }, (_, i) => storedEvent({ site: s, id: `k${i}` }));
    const results = await Promise.all([1, 2, 3, 4].map(() => store.write(batch)));
    expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(100);
    expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(300);
    const [row] = await store.query<{ n: number }>('SELECT COUNT(*) AS n FROM events WHERE site = ?', [s]);
    expect(row).toEqual({ n: 103 });
  });

  it('writes a large batch in one piece', async () => {
    const events = Array.from({ length: 5000 }, (_, i) => storedEvent({ site: site('large'), id: `l${i}`, ts: 1_700_000_000_000 + i }));
    expect(await store.write(events)).toEqual({ inserted: 5000, duplicates: 0 });
  });

  it('answers portable SQL with ? placeholders, integers as JS numbers and booleans bound as 0/1', async () => {
    const s = site('sql');
    await store.write([storedEvent({ site: s, id: '1', ts: 10, isBot: true, sessionId: 'bot-session' }), storedEvent({ site: s, id: '2', ts: 20 }), storedEvent({ site: s, id: '3', ts: 30, title: 'why?' })]);
    const rows = await store.query<Record<string, unknown>>(
      "SELECT COUNT(*) AS n, SUM(ts) AS total, MIN(ts) AS first, MAX(ts) AS last, SUM(is_bot) AS bots, SUM(CASE WHEN title = 'why?' THEN 1 ELSE 0 END) AS asked FROM events WHERE site = ? AND ts >= ?",
      [s, 10],
    );
    expect(rows).toEqual([{ n: 3, total: 60, first: 10, last: 30, bots: 1, asked: 1 }]);
    expect(await store.query('SELECT id FROM events WHERE site = ? AND is_bot = ? ORDER BY id', [s, true])).toEqual([{ id: '1' }]);
    expect(await store.query('UPDATE events SET title = ? WHERE site = ? AND id = ?', ['t', s, '2'])).toEqual([]);
    expect(await store.query('SELECT title FROM events WHERE site = ? AND id = ?', [s, '2'])).toEqual([{ title: 't' }]);
  });

  it('iterates in (ts, id) order with ties, across pages, within [from, to)', async () => {
    const s = site('iter');
    const events = Array.from({ length: 2300 }, (_, i) => storedEvent({ site: s, id: `x${(i * 7919) % 2300}`, ts: 1_000 + Math.floor(i / 4) }));
    await store.write(events);
    const got = await collect(store.iterate({ site: s, from: 1_010, to: 1_500 }));
    const want = events.filter((e) => e.ts >= 1_010 && e.ts < 1_500).sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(got.map((e) => `${e.ts}/${e.id}`)).toEqual(want.map((e) => `${e.ts}/${e.id}`));
    expect(await collect(store.iterate({ site: s, from: 5_000 }))).toEqual([]);
  });

  it('iterates every site merged in (ts, id) order when no site is given', async () => {
    const a = site('merge-a');
    const b = site('merge-b');
    await store.write([storedEvent({ site: a, id: '1', ts: 3 }), storedEvent({ site: b, id: '2', ts: 1 }), storedEvent({ site: a, id: '3', ts: 2 }), storedEvent({ site: b, id: '0', ts: 2 })]);
    const got = (await collect(store.iterate({ to: 4 }))).filter((e) => e.site === a || e.site === b);
    expect(got.map((e) => `${e.ts}/${e.id}`)).toEqual(['1/2', '2/0', '2/3', '3/1']);
  });

  it('has the catalogue tables of migration 2', async () => {
    expect(await store.query('SELECT COUNT(*) AS n FROM ad_catalogue WHERE site = ?', [site('none')])).toEqual([{ n: 0 }]);
    expect(await store.query('SELECT COUNT(*) AS n FROM ad_checks WHERE site = ?', [site('none')])).toEqual([{ n: 0 }]);
  });

  it('is ready while open, and refuses work once closed', async () => {
    const other = await open();
    expect(await other.ready()).toBe(true);
    await other.close();
    expect(await other.ready()).toBe(false);
    await expect(other.write([storedEvent()])).rejects.toThrow(/closed/);
  });
});

// The hand-computed report expectations, on each store.
describeReports('SQLite (contract)', () => stores.sqlite('reports.db'));
describeReports('PostgreSQL (contract)', () => stores.postgres());

describe('reports are identical on both stores', () => {
  it('gives the same journey, ads and feedback reports from the same events', async () => {
    const site = `same-${process.pid}`;
    const both = [stores.sqlite('same.db'), await stores.postgres()];
    // The very same rows (ids included) into both stores.
    const rows = sampleEvents().map((e) => toStoredEvent(site, e));
    const reports = [];
    for (const store of both) {
      await store.write(rows);
      reports.push({
        journey: await journeyReport(store, { site }),
        ads: await adsReport(store, { site }),
        feedback: await feedbackReport(store, { site }),
        export: (await collect(store.iterate({ site }))) as StoredEvent[],
      });
      await store.close();
    }
    expect(reports[0]!.journey.visitors).toBeGreaterThan(0);
    expect(reports[1]).toEqual(reports[0]);
  });
});
