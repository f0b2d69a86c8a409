// The people contract: retention, a person's timeline and erasure, with hand-computed expectations, for
// every store. `people.test.ts` runs it on SQLite; test/integration/people-contract.test.ts on SQLite
// files and PostgreSQL, so both stores must agree.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionReport } from '../reports/retention.js';
import { offsiteStage } from '../pipeline/offsite-touchpoints.js';
import { toStoredEvent, type SeedEvent } from '../reports/sample-events.fixture.js';
import { personTimeline } from '../reports/timeline.js';
import { linkBrowser } from '../store/link-browser.fixture.js';
import type { Store } from '../store/types.js';
import { forgetPerson } from './forget-person.js';
import { createSuppressedFilter } from './suppressed-ids.js';

const DAY = 86_400_000;
const H = 3_600_000;
/** Monday 5 January 2026, 00:00 UTC: the start of week 0. */
export const W0 = Date.UTC(2026, 0, 5);
const at = (week: number, day: number, hour = 10) => W0 + week * 7 * DAY + day * DAY + hour * H;

/**
 * The retention dataset (see docs/identity.md for the person rules):
 * - ana: browsers a1 (phone, paid search ad, first touch Mon W0) and a2 (laptop, direct), both linked to
 *   u:ana; buys on a2 Wed W0 and Wed W2; a page view on a1 in W1.
 * - b1: an anonymous person (organic search) from Tue W0; buys Mon W1; a page view Tue W3.
 * - carl: browser c1 linked to u:carl (e-mail, first touch Tue W1); buys Tue W1, Fri W1 and Tue W3; an
 *   order_shipped from the backend with the user id alone in W2.
 * - d1: social, page views in W0 and W2, never buys.
 * - e1: first bought in the week before W0 (outside the range), again in W1: in no cohort.
 * - a bot that "buys" in W0: never counted.
 */
export function retentionEvents(): SeedEvent[] {
  return [
    { name: 'ad_landing', ts: at(0, 0), visitor: 'a1', session: 'a1-s1', channel: 'paid_search', campaign: { source: 'google', medium: 'cpc', campaign: 'trail' }, path: '/' },
    { name: 'page_view', ts: at(0, 0, 11), visitor: 'a1', session: 'a1-s1', channel: 'paid_search', path: '/' },
    { name: 'purchase', ts: at(0, 2, 12), visitor: 'a2', user: 'ana', session: 'a2-s1', channel: 'direct', path: '/gracias' },
    { name: 'page_view', ts: at(1, 3), visitor: 'a1', session: 'a1-s2', channel: 'direct', path: '/' },
    { name: 'purchase', ts: at(2, 2, 12), visitor: 'a2', user: 'ana', session: 'a2-s2', channel: 'direct', path: '/gracias' },
    { name: 'page_view', ts: at(0, 1), visitor: 'b1', session: 'b1-s1', channel: 'organic_search', path: '/' },
    { name: 'purchase', ts: at(1, 0), visitor: 'b1', session: 'b1-s2', channel: 'direct', path: '/gracias' },
    { name: 'page_view', ts: at(3, 1), visitor: 'b1', session: 'b1-s3', channel: 'direct', path: '/' },
    { name: 'page_view', ts: at(1, 1, 9), visitor: 'c1', session: 'c1-s1', channel: 'email', path: '/' },
    { name: 'purchase', ts: at(1, 1), visitor: 'c1', session: 'c1-s1', channel: 'email', path: '/gracias' },
    { name: 'purchase', ts: at(1, 4), visitor: 'c1', session: 'c1-s2', channel: 'direct', path: '/gracias' },
    { name: 'order_shipped', ts: at(2, 0), user: 'carl', channel: 'direct' },
    { name: 'purchase', ts: at(3, 1), visitor: 'c1', session: 'c1-s3', channel: 'direct', path: '/gracias' },
    { name: 'page_view', ts: at(0, 3), visitor: 'd1', session: 'd1-s1', channel: 'social', path: '/' },
    { name: 'page_view', ts: at(2, 3), visitor: 'd1', session: 'd1-s2', channel: 'social', path: '/' },
    { name: 'purchase', ts: at(-1, 1), visitor: 'e1', session: 'e1-s1', channel: 'direct', path: '/gracias' },
    { name: 'purchase', ts: at(1, 2), visitor: 'e1', session: 'e1-s2', channel: 'direct', path: '/gracias' },
    { name: 'purchase', ts: at(0, 1), visitor: 'bot1', session: 'bot1-s1', channel: 'direct', path: '/gracias', bot: true },
  ];
}

/** Writes brief events as ingestion stores them: off-site names (`order_shipped`…) with their default stage. */
export async function seed(store: Store, site: string, events: SeedEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    await store.write(events.slice(i, i + 500).map((e) => {
      const row = toStoredEvent(site, e);
      const stage = offsiteStage(e.name);
      return stage ? { ...row, phase: stage.phase, p5: stage.p5 } : row;
    }));
  }
}

/** Links a browser to a person as the store does (test datasets state their people outright). */
export const link = linkBrowser;

const shares = (c: { periods: Array<{ returnedShare: number; boughtAgainShare: number }> }) => c.periods.map((p) => [p.returnedShare, p.boughtAgainShare]);

/** Registers the people tests against a store opened by `open` (closed after); each run uses its own site ids. */
export function describePeople(label: string, open: () => Promise<Store> | Store): void {
  describe(`people on ${label}`, () => {
    let store: Store;
    const site = `ret-${randomUUID().slice(0, 8)}`;
    const range = { site, from: W0, to: W0 + 28 * DAY };
    beforeAll(async () => {
      store = await open();
      await seed(store, site, retentionEvents());
      for (const a of ['a1', 'a2']) await link(store, site, a, 'u:ana');
      await link(store, site, 'c1', 'u:carl');
    });
    afterAll(() => store?.close());

    describe('retention', () => {
      it('makes weekly cohorts by first purchase, counting a person with two browsers once, bots and earlier buyers never', async () => {
        const r = await retentionReport(store, range);
        expect(r.by).toBe('purchase');
        expect(r.cohorts.map((c) => [new Date(c.start).toISOString().slice(0, 10), c.people])).toEqual([['2026-01-05', 1], ['2026-01-12', 2]]);
        const [w0, w1] = r.cohorts;
        // ana: came back in W1 (page view on the phone), bought again in W2 (on the laptop).
        expect(shares(w0!)).toEqual([[1, 0], [1, 1], [0, 0]]);
        expect(w0!.periods.map((p) => p.start)).toEqual([W0 + 7 * DAY, W0 + 14 * DAY, W0 + 21 * DAY]);
        expect(w0).toMatchObject({ buyers: 1, repeatBuyers: 1, repeatPurchaseRate: 1, medianMsBetweenPurchases: 14 * DAY });
        // b1 and carl: carl's backend touchpoint in W2; both back in W3, carl buying.
        expect(shares(w1!)).toEqual([[0.5, 0], [1, 0.5]]);
        expect(w1).toMatchObject({ people: 2, buyers: 2, repeatBuyers: 1, repeatPurchaseRate: 0.5, medianMsBetweenPurchases: 7 * DAY });
        expect(r.total).toEqual({ people: 3, buyers: 3, repeatBuyers: 2, repeatPurchaseRate: 2 / 3, medianMsBetweenPurchases: 11 * DAY });
      });

      it("splits by the channel of each person's earliest touchpoint on any browser", async () => {
        const r = await retentionReport(store, range);
        // ana's purchase came on the direct laptop; her first touch was the ad on the phone.
        expect(r.byChannel.map((c) => [c.channel, c.people, c.repeatBuyers])).toEqual([['email', 1, 1], ['organic_search', 1, 0], ['paid_search', 1, 1]]);
        const email = r.byChannel[0]!;
        expect(email.cohorts.map((c) => [c.start, shares(c)])).toEqual([[W0 + 7 * DAY, [[1, 0], [1, 1]]]]);
        expect(email.medianMsBetweenPurchases).toBe(7 * DAY);
      });

      it('makes cohorts by first touchpoint', async () => {
        const r = await retentionReport(store, range, { by: 'touchpoint' });
        const [w0, w1] = r.cohorts;
        expect([w0!.people, w1!.people]).toEqual([3, 1]); // ana, b1, d1; carl
        expect(w0!.periods.map((p) => [p.returned, p.boughtAgain])).toEqual([[2, 1], [2, 1], [1, 0]]);
        expect(w0).toMatchObject({ buyers: 2, repeatBuyers: 1, repeatPurchaseRate: 0.5, medianMsBetweenPurchases: 14 * DAY });
        expect(w1!.periods.map((p) => [p.returned, p.boughtAgain])).toEqual([[1, 0], [1, 1]]);
        expect(r.total.people).toBe(4);
      });

      it('reads later activity only up to `to`', async () => {
        const r = await retentionReport(store, { ...range, to: W0 + 21 * DAY });
        expect(r.cohorts.map((c) => c.periods.length)).toEqual([2, 1]);
        expect(r.cohorts[1]).toMatchObject({ people: 2, repeatBuyers: 1, medianMsBetweenPurchases: 3 * DAY });
        expect(r.total.medianMsBetweenPurchases).toBe(3 * DAY + (14 * DAY - 3 * DAY) / 2);
      });

      it('reads the partial last day from the touchpoints: `to` inside a day cuts there', async () => {
        const full = await retentionReport(store, range);
        // b1's page view and carl's purchase are both at Tue W3 10:00.
        const justAfter = await retentionReport(store, { ...range, to: at(3, 1) + 1 });
        expect(justAfter.cohorts).toEqual(full.cohorts);
        const justBefore = await retentionReport(store, { ...range, to: at(3, 1) });
        expect(justBefore.cohorts.map((c) => c.periods.at(-1)).map((p) => [p!.returned, p!.boughtAgain])).toEqual([[0, 0], [0, 0]]);
      });

      it('makes monthly cohorts (UTC calendar months)', async () => {
        const r = await retentionReport(store, { ...range, to: Date.UTC(2026, 1, 2) }, { period: 'month' });
        expect(r.cohorts).toHaveLength(1);
        expect(r.cohorts[0]).toMatchObject({ start: Date.UTC(2026, 0, 1), people: 3, repeatBuyers: 2 });
        expect(r.cohorts[0]!.periods).toEqual([{ offset: 1, start: Date.UTC(2026, 1, 1), returned: 0, returnedShare: 0, boughtAgain: 0, boughtAgainShare: 0 }]);
      });

      it("counts each site's people apart when no site is given", async () => {
        const t = Date.UTC(2030, 0, 7, 10); // a Monday far from the other tests' data
        for (const s of [`${site}-x`, `${site}-y`]) await seed(store, s, [{ name: 'purchase', ts: t, visitor: 'same', user: 'same', session: 'same' }]);
        const r = await retentionReport(store, { from: t, to: t + 7 * DAY });
        expect(r.cohorts.map((c) => c.people)).toEqual([2]);
      });

      it('is empty for another site', async () => {
        const r = await retentionReport(store, { ...range, site: `${site}-none` });
        expect(r.cohorts).toEqual([]);
        expect(r.total).toEqual({ people: 0, buyers: 0, repeatBuyers: 0, repeatPurchaseRate: null, medianMsBetweenPurchases: null });
      });
    });

    describe('timeline and erasure', () => {
      const people = `ppl-${randomUUID().slice(0, 8)}`;
      // ana: phone a1 (ad, a bad rating given signed in, which links a1 to her), laptop a2 (purchase), an
      // old user id merged into hers with a backend touchpoint (a failed payment); a1 was later identified
      // as zed on a shared computer (that touchpoint is zed's; the store keeps a1 with ana and writes the
      // conflict). carl: another person whose rows must all stay.
      const anaEvents: SeedEvent[] = [
        { name: 'ad_landing', ts: at(0, 0), visitor: 'a1', session: 'a1-s1', channel: 'paid_search', campaign: { source: 'google', medium: 'cpc', campaign: 'trail' }, path: '/es/trail' },
        { name: 'feedback', ts: at(0, 0, 12), visitor: 'a1', user: 'ana', session: 'a1-s1', channel: 'paid_search', path: '/es/trail', properties: { score: 3, scale: 'nps', touchpoint: 'page_view' } },
        { name: 'purchase', ts: at(0, 1), visitor: 'a2', user: 'ana', session: 'a2-s1', channel: 'direct', path: '/gracias' },
        { name: 'payment_failed', ts: at(0, 2), user: 'ana-old', channel: 'direct' },
      ];
      // Written after ana's: the store keeps a1 with ana and counts the conflict.
      const zedEvents: SeedEvent[] = [
        { name: 'page_view', ts: at(0, 3), visitor: 'a1', user: 'zed', session: 'a1-s9', channel: 'direct', path: '/' },
      ];
      const carlEvents: SeedEvent[] = [
        { name: 'page_view', ts: at(0, 0, 9), visitor: 'c1', session: 'c1-s1', channel: 'email', path: '/' },
        { name: 'purchase', ts: at(0, 4), visitor: 'c1', user: 'carl', session: 'c1-s1', channel: 'email', path: '/gracias' },
      ];
      beforeAll(async () => {
        await seed(store, people, [...anaEvents, ...carlEvents]);
        await seed(store, people, zedEvents);
        await store.query("INSERT INTO user_merges (site, user_id, person_key, linked_at) VALUES (?, 'ana-old', 'u:ana', 0), (?, 'carl-old', 'u:carl', 0)", [people, people]);
        await store.query("INSERT INTO email_links (site, ref, user_id, campaign, destination, created_at, expires_at) VALUES (?, 'r-ana', 'ana', 'spring', 'https://shop.example/', 0, 1), (?, 'r-ana-old', 'ana-old', 'spring', 'https://shop.example/', 0, 1), (?, 'r-carl', 'carl', 'spring', 'https://shop.example/', 0, 1)", [people, people, people]);
        await store.query("INSERT INTO identity_conflicts (site, anonymous_id, person_key, other_key, at) VALUES (?, 'c1', 'u:carl', 'u:mallory', 0)", [people]);
      });

      it("lists one person's touchpoints across browsers, user ids and channels in time order, with stage and valence", async () => {
        const t = await personTimeline(store, people, { anonymous: 'a1' });
        expect(t.person).toEqual({ site: people, key: 'u:ana', userIds: ['ana', 'ana-old'], anonymousIds: ['a1', 'a2'] });
        expect(t.touchpoints.map((e) => [e.name, e.phase, e.p5, e.valence, e.channel, e.anonymousId, e.userId])).toEqual([
          ['ad_landing', 'before', 'pre_touch', 'neutral', 'paid_search', 'a1', null],
          ['feedback', 'after', 'post', 'negative', 'paid_search', 'a1', 'ana'],
          ['purchase', 'during', 'prime', 'positive', 'direct', 'a2', 'ana'],
          ['payment_failed', 'after', 'post', 'negative', 'direct', null, 'ana-old'],
        ]);
        expect(t.touchpoints[0]).toMatchObject({ campaign: { source: 'google', medium: 'cpc', campaign: 'trail' }, path: '/es/trail', ts: at(0, 0) });
        expect(t.truncated).toBe(false);
      });

      it('finds the same person from a merged user id, and bounds the list with a limit', async () => {
        const t = await personTimeline(store, people, { user: 'ana-old' }, { limit: 2 });
        expect(t.person.key).toBe('u:ana');
        expect(t.touchpoints.map((e) => e.name)).toEqual(['ad_landing', 'feedback']);
        expect(t.truncated).toBe(true);
      });

      it("erases everything of the person from every table, keeps everyone else's, and suppresses their ids", async () => {
        const carlRows = async () => Promise.all([
          store.query("SELECT id FROM events WHERE site = ? AND (anonymous_id = 'c1' OR user_id = 'carl') ORDER BY id", [people]),
          store.query("SELECT visitor, day FROM journey_days WHERE site = ? AND visitor IN ('c1', 'u:carl') ORDER BY day", [people]),
          store.query("SELECT visitor, name, day FROM journey_steps WHERE site = ? AND visitor IN ('c1', 'u:carl') ORDER BY name, day", [people]),
          store.query("SELECT anonymous_id FROM identity_links WHERE site = ? AND person_key = 'u:carl'", [people]),
          store.query("SELECT user_id FROM user_merges WHERE site = ? AND person_key = 'u:carl'", [people]),
          store.query("SELECT anonymous_id FROM identity_conflicts WHERE site = ? AND person_key = 'u:carl'", [people]),
          store.query("SELECT ref FROM email_links WHERE site = ? AND user_id = 'carl'", [people]),
        ]);
        const before = await carlRows();
        const journeyBefore = await store.query<{ n: number }>("SELECT COUNT(*) AS n FROM journey_days WHERE site = ? AND visitor IN ('a1', 'a2', 'ana-old', 'u:ana', 'u:ana-old')", [people]);
        expect(Number(journeyBefore[0]!.n)).toBeGreaterThan(0);
        const stepsBefore = await store.query<{ n: number }>("SELECT COUNT(*) AS n FROM journey_steps WHERE site = ? AND visitor IN ('a1', 'a2', 'ana-old', 'u:ana', 'u:ana-old')", [people]);
        expect(Number(stepsBefore[0]!.n)).toBeGreaterThan(0);

        const erased = await forgetPerson(store, people, { user: 'ana' }, { batchSize: 2, now: () => 42 });
        expect(erased.person.anonymousIds).toEqual(['a1', 'a2']);
        expect(erased.deleted).toEqual({ events: 5, identity_links: 2, user_merges: 1, identity_conflicts: 1, journey_days: Number(journeyBefore[0]!.n), journey_steps: Number(stepsBefore[0]!.n), email_links: 2 });
        expect(erased.suppressed).toEqual({ user: 2, anonymous: 2 });

        const ids = ['a1', 'a2', 'ana', 'ana-old', 'u:ana', 'u:ana-old'];
        const q = ids.map(() => '?').join(', ');
        const left = await Promise.all([
          store.query(`SELECT id FROM events WHERE site = ? AND (anonymous_id IN (${q}) OR user_id IN (${q}))`, [people, ...ids, ...ids]),
          store.query(`SELECT visitor FROM journey_days WHERE site = ? AND visitor IN (${q})`, [people, ...ids]),
          store.query(`SELECT visitor FROM journey_steps WHERE site = ? AND visitor IN (${q})`, [people, ...ids]),
          store.query(`SELECT anonymous_id FROM identity_links WHERE site = ? AND (anonymous_id IN (${q}) OR person_key IN (${q}))`, [people, ...ids, ...ids]),
          store.query(`SELECT user_id FROM user_merges WHERE site = ? AND (user_id IN (${q}) OR person_key IN (${q}))`, [people, ...ids, ...ids]),
          store.query(`SELECT anonymous_id FROM identity_conflicts WHERE site = ? AND (anonymous_id IN (${q}) OR person_key IN (${q}) OR other_key IN (${q}))`, [people, ...ids, ...ids, ...ids]),
          store.query(`SELECT ref FROM email_links WHERE site = ? AND user_id IN (${q})`, [people, ...ids]),
        ]);
        expect(left).toEqual([[], [], [], [], [], [], []]);
        expect(await carlRows()).toEqual(before);
        expect(before[0]).toHaveLength(2);
        expect(await store.query('SELECT kind, id, at FROM suppressed_ids WHERE site = ? ORDER BY kind, id', [people])).toEqual([
          { kind: 'anonymous', id: 'a1', at: 42 }, { kind: 'anonymous', id: 'a2', at: 42 }, { kind: 'user', id: 'ana', at: 42 }, { kind: 'user', id: 'ana-old', at: 42 },
        ]);
        // Erasing again finds nothing more and adds no id twice.
        const again = await forgetPerson(store, people, { anonymous: 'a2' });
        expect(again.person).toEqual({ site: people, key: 'a2', userIds: [], anonymousIds: ['a2'] });
        expect(again.deleted.events).toBe(0);
        expect(again.suppressed).toEqual({ user: 0, anonymous: 0 });
      });

      it("drops a batch's events of erased ids on their site only, in one lookup", async () => {
        const drop = createSuppressedFilter(store);
        const batch = [
          toStoredEvent(people, { name: 'page_view', ts: at(1, 0), visitor: 'a1', session: 'x' }),
          toStoredEvent(people, { name: 'purchase', ts: at(1, 0), user: 'ana-old' }),
          toStoredEvent(people, { name: 'page_view', ts: at(1, 0), visitor: 'c1', session: 'y' }),
          toStoredEvent(`${people}-other`, { name: 'page_view', ts: at(1, 0), visitor: 'a1', session: 'z' }),
          toStoredEvent(people, { name: 'page_view', ts: at(1, 0), session: 'cookieless' }),
        ];
        const { kept, dropped } = await drop(batch);
        expect(dropped).toBe(2);
        expect(kept).toEqual([batch[2], batch[3], batch[4]]);
      });

      it('keeps serving while it erases: a write of someone else interleaves with the batches', async () => {
        const big = `big-${randomUUID().slice(0, 8)}`;
        // Four hours apart: 200 days of touchpoints, walked a day per statement.
        await seed(store, big, Array.from({ length: 1200 }, (_, i) => ({ name: 'page_view', ts: at(0, 0) + i * 4 * H, visitor: 'heavy', session: 'h', path: '/' })));
        // Count the day-statements of the erasure as they run; note how many had run when the write landed.
        let statements = 0;
        let writtenAfter = -1;
        let writing: Promise<unknown> | undefined;
        const counting: Store = Object.create(store, { query: { value: async (sql: string, params?: unknown[]) => {
          if (sql.startsWith('DELETE FROM events')) {
            ++statements;
            // Someone else's touchpoint arrives once the erasure is under way, and the erasure's next
            // statement waits for it: an erasure holding a lock or a transaction across its statements
            // would never let that write finish (the test would time out).
            if (statements === 1) writing = store.write([toStoredEvent(big, { name: 'page_view', ts: at(0, 1), visitor: 'light', session: 'l' })]).then((r) => ((writtenAfter = statements), r));
            if (statements === 2) await writing;
          }
          return store.query(sql, params);
        } } });
        const erased = await forgetPerson(counting, big, { anonymous: 'heavy' });
        const written = (await writing) as { inserted: number };
        expect(statements).toBe(200);
        expect(writtenAfter).toBeGreaterThan(0);
        expect(writtenAfter).toBeLessThan(statements);
        expect(erased.deleted.events).toBe(1200);
        expect(written.inserted).toBe(1);
        expect(await store.query("SELECT anonymous_id FROM events WHERE site = ?", [big])).toEqual([{ anonymous_id: 'light' }]);
      });
    });
  });
}
