// A session is a bot or not as a whole (migration 15): once one of its touchpoints arrived from a human
// user agent, all of it counts — whatever arrived first, whichever copy of a touchpoint was kept.
// Run on both stores; the journey's and abandonment's rollups must follow every un-flag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyReport } from '../../packages/collector/src/reports';
import type { Store, StoredEvent } from '../../packages/collector/src/store/types';
import { storedEvent } from './support/events';
import { testStores } from './support/stores';

const stores = testStores('bots');
const STORES: Array<[string, () => Promise<Store>]> = [
  ['SQLite', async () => stores.sqlite()],
  ['PostgreSQL', () => stores.postgres({ poolSize: 2 })],
];

const DAY = 86_400_000;
const T0 = Math.floor(1_700_000_000_000 / DAY) * DAY + 3_600_000;

describe.each(STORES)('bots per session on %s', (label, open) => {
  let store: Store;
  const site = (name: string) => `${label}-${name}-${process.pid}`;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(() => store.close());

  const touch = (s: string, session: string, i: number, over: Partial<StoredEvent> = {}) =>
    storedEvent({ site: s, id: `${session}-${i}`, sessionId: session, anonymousId: `anon-${session}`, ts: T0 + i * 1000, name: i === 0 ? 'page_view' : 'view_item', ...over });
  const flags = async (s: string) =>
    (await store.query<{ id: string; is_bot: number }>('SELECT id, is_bot FROM events WHERE site = ? ORDER BY id', [s])).map((r) => `${r.id}:${Number(r.is_bot)}`);
  // The journey over whole days reads the rollup alone: it must hold exactly the human touchpoints.
  const journey = async (s: string) => {
    const r = await journeyReport(store, { site: s, from: T0 - 3_600_000, to: T0 - 3_600_000 + DAY });
    return { visitors: r.visitors, touchpoints: r.touchpoints };
  };
  const rolledUp = async (s: string) => {
    const [row] = await store.query<{ n: unknown }>('SELECT SUM(n0 + n1 + n2) AS n FROM journey_days WHERE site = ?', [s]);
    const [events] = await store.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM events WHERE site = ? AND is_bot = 0 AND phase IS NOT NULL', [s]);
    return [Number(row!.n ?? 0), Number(events!.n)];
  };
  // Abandonment's rollup (migration 16) must follow the same un-flags: its rows equal those folded from the
  // human events (these sessions' people are their browsers).
  const stepsFollow = async (s: string) => {
    const rows = (sql: string) => store.query<Record<string, unknown>>(sql, [s]).then((r) => r.map((x) => Object.values(x).map(String).join(' ')));
    const [rolled, folded] = await Promise.all([
      rows('SELECT visitor, name, day, last_ts FROM journey_steps WHERE site = ? ORDER BY 1, 2, 3'),
      rows(`SELECT anonymous_id, name, ts / ${DAY}, MAX(ts) FROM events WHERE site = ? AND is_bot = 0 AND phase IN ('before', 'during') AND session_id IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
    ]);
    expect(rolled.length).toBeGreaterThan(0);
    expect(rolled).toEqual(folded);
  };

  it('keeps a session whose every touchpoint came from a bot out of the reports', async () => {
    const s = site('only-bots');
    await store.write([touch(s, 's1', 0, { isBot: true }), touch(s, 's1', 1, { isBot: true })]);
    expect(await flags(s)).toEqual(['s1-0:1', 's1-1:1']);
    expect(await journey(s)).toEqual({ visitors: 0, touchpoints: 0 });
  });

  it('counts a page-leave beacon with a bot user agent in a session a person started', async () => {
    const s = site('beacon-after');
    await store.write([touch(s, 's1', 0)]);
    await store.write([touch(s, 's1', 1, { isBot: true }), touch(s, 's1', 2, { isBot: true })]);
    expect(await flags(s)).toEqual(['s1-0:0', 's1-1:0', 's1-2:0']);
    expect(await journey(s)).toEqual({ visitors: 1, touchpoints: 3 });
    expect(await rolledUp(s)).toEqual([3, 3]);
  });

  it("un-flags a session's earlier touchpoints when a human one arrives after them, and the rollup gains them", async () => {
    const s = site('human-later');
    await store.write([touch(s, 's1', 0, { isBot: true }), touch(s, 's1', 1, { isBot: true })]);
    await store.write([touch(s, 's2', 0, { isBot: true })]);
    expect(await journey(s)).toEqual({ visitors: 0, touchpoints: 0 });
    await store.write([touch(s, 's1', 2)]);
    expect(await flags(s)).toEqual(['s1-0:0', 's1-1:0', 's1-2:0', 's2-0:1']);
    expect(await journey(s)).toEqual({ visitors: 1, touchpoints: 3 });
    expect(await rolledUp(s)).toEqual([3, 3]);
    await stepsFollow(s);
    const listed = await store.query<{ session_id: string }>('SELECT session_id FROM bot_sessions WHERE site = ? ORDER BY session_id', [s]);
    expect(listed.map((r) => r.session_id)).toEqual(['s2']);
  });

  it('decides a batch holding both kinds as one session', async () => {
    const s = site('one-batch');
    await store.write([touch(s, 's1', 0, { isBot: true }), touch(s, 's1', 1), touch(s, 's1', 2, { isBot: true })]);
    expect(await flags(s)).toEqual(['s1-0:0', 's1-1:0', 's1-2:0']);
    expect(await rolledUp(s)).toEqual([3, 3]);
    await stepsFollow(s);
  });

  it('un-flags a touchpoint whose bot copy arrived first when its human copy comes as a duplicate', async () => {
    const s = site('copies');
    const sent = [touch(s, 's1', 0), touch(s, 's1', 1)];
    // The beacon's copies first (bot user agent), then the page's own copies of the same touchpoints.
    expect(await store.write(sent.map((e) => ({ ...e, isBot: true })))).toEqual({ inserted: 2, duplicates: 0 });
    expect(await journey(s)).toEqual({ visitors: 0, touchpoints: 0 });
    expect(await store.write(sent)).toEqual({ inserted: 0, duplicates: 2 });
    expect(await flags(s)).toEqual(['s1-0:0', 's1-1:0']);
    expect(await journey(s)).toEqual({ visitors: 1, touchpoints: 2 });
    expect(await rolledUp(s)).toEqual([2, 2]);
    // A bot copy of a human touchpoint changes nothing.
    expect(await store.write(sent.map((e) => ({ ...e, isBot: true })))).toEqual({ inserted: 0, duplicates: 2 });
    expect(await flags(s)).toEqual(['s1-0:0', 's1-1:0']);
    expect(await rolledUp(s)).toEqual([2, 2]);
    await stepsFollow(s);
  });

  it('leaves touchpoints without a session to their own request', async () => {
    const s = site('no-session');
    await store.write([touch(s, 'x', 0, { sessionId: null, isBot: true }), touch(s, 'y', 0, { sessionId: null })]);
    expect(await flags(s)).toEqual(['x-0:1', 'y-0:0']);
  });
});
