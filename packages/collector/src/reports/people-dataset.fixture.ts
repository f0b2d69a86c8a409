// A hand-computed dataset of people across devices, and the report expectations every store must meet
// (reports.test.ts runs it on SQLite, test/integration/identity-contract.test.ts on both stores).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store, StoredEvent } from '../store/types.js';
import { adsReport } from './ads.js';
import { feedbackReport } from './feedback.js';
import { journeyReport } from './journey.js';
import { toStoredEvent, type SeedEvent } from './sample-events.fixture.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Day 0 of the dataset, 2026-02-02 00:00 UTC; events fall on days 0, 1 and 2. */
export const PEOPLE_DAY0 = Date.UTC(2026, 1, 2);
const at = (day: number, hour: number, min = 0) => PEOPLE_DAY0 + day * DAY + hour * HOUR + min * 60_000;
const spring = { source: 'google', medium: 'cpc', campaign: 'spring', content: 'ad-spring' };

/**
 * Six people, eight browsers:
 * - ana: clicks the spring ad on her phone (day 0, paid search), identifies there; on her laptop (day 1,
 *   direct) she identifies, signs up and buys, and rates the purchase → one person, first touch paid
 *   search, the purchase credited to the spring landing.
 * - ben: one browser, never identified (direct).
 * - cai: one browser (organic search) identified, and a server-side invoice with his user id alone (day 2).
 * - dee: a browser (social) and, after Safari dropped its storage, a new one tied to it by the
 *   first-party cookie (linkTo), which buys: one anonymous person, first touch social.
 * - eve and fay: a shop kiosk (referral) identified as eve, then as fay without a reset (day 2): the
 *   kiosk stays eve's (a conflict), the touchpoint carrying fay's user id is fay's (direct) → two people.
 * Identified people: ana, cai, eve, fay. Channels of first touch: paid_search 1 (ana), direct 2 (ben, fay),
 * organic_search 1 (cai), social 1 (dee), referral 1 (eve).
 */
export function peopleEvents(site: string): StoredEvent[] {
  const e = (s: SeedEvent, linkTo?: StoredEvent['linkTo']): StoredEvent => ({ ...toStoredEvent(site, s), ...(linkTo ? { linkTo } : {}) });
  return [
    e({ name: 'ad_landing', ts: at(0, 10), visitor: 'ana-phone', session: 'ap1', path: '/spring', channel: 'paid_search', campaign: spring, properties: { path: '/spring', title: 'Spring', h1: 'Spring', is_home: false, is_form: false } }),
    e({ name: 'page_view', ts: at(0, 10, 1), visitor: 'ana-phone', user: 'ana', session: 'ap1', path: '/spring', channel: 'paid_search', campaign: spring }),
    e({ name: 'page_view', ts: at(1, 9), visitor: 'ana-laptop', session: 'al1', path: '/', channel: 'direct' }),
    e({ name: 'sign_up', ts: at(1, 9, 5), visitor: 'ana-laptop', user: 'ana', session: 'al1', path: '/join', channel: 'direct' }),
    e({ name: 'purchase', ts: at(1, 9, 20), visitor: 'ana-laptop', user: 'ana', session: 'al1', path: '/thanks', channel: 'direct', properties: { value: 50, currency: 'EUR' } }),
    e({ name: 'feedback', ts: at(1, 9, 21), visitor: 'ana-laptop', session: 'al1', path: '/thanks', channel: 'direct', properties: { score: 9, scale: 'nps', touchpoint: 'purchase' } }),
    e({ name: 'feedback', ts: at(0, 10, 2), visitor: 'ana-phone', session: 'ap1', path: '/spring', channel: 'paid_search', properties: { score: 10, scale: 'nps', touchpoint: 'purchase' } }),
    e({ name: 'page_view', ts: at(0, 12), visitor: 'ben', session: 'b1', path: '/', channel: 'direct' }),
    e({ name: 'page_view', ts: at(0, 13), visitor: 'cai', session: 'c1', path: '/', channel: 'organic_search' }),
    e({ name: 'page_view', ts: at(0, 13, 5), visitor: 'cai', user: 'cai', session: 'c1', path: '/account', channel: 'organic_search' }),
    e({ name: 'invoice_sent', ts: at(2, 8), user: 'cai', channel: 'email' }),
    e({ name: 'page_view', ts: at(0, 15), visitor: 'dee-old', session: 'd1', path: '/', channel: 'social' }),
    e({ name: 'page_view', ts: at(1, 15), visitor: 'dee-new', session: 'd2', path: '/', channel: 'direct' }, { via: 'cookie', anonymousId: 'dee-old' }),
    e({ name: 'purchase', ts: at(1, 15, 10), visitor: 'dee-new', session: 'd2', path: '/thanks', channel: 'direct' }),
    e({ name: 'page_view', ts: at(2, 9), visitor: 'kiosk', user: 'eve', session: 'k1', path: '/', channel: 'referral' }),
    e({ name: 'page_view', ts: at(2, 10), visitor: 'kiosk', session: 'k1', path: '/shoes', channel: 'referral' }),
    e({ name: 'page_view', ts: at(2, 11), visitor: 'kiosk', user: 'fay', session: 'k2', path: '/', channel: 'direct' }),
  ];
}

/** Registers the people-report tests on a store opened by `open` (closed after); the site is random. */
export function describePeopleReports(label: string, open: () => Promise<Store> | Store): void {
  describe(`reports count people on ${label}`, () => {
    let store: Store;
    const site = `people-${randomUUID().slice(0, 8)}`;
    beforeAll(async () => {
      store = await open();
      // In time order, a batch per day (as the devices would have sent them).
      const events = peopleEvents(site).sort((a, b) => a.ts - b.ts);
      for (const day of [0, 1, 2]) await store.write(events.filter((x) => Math.floor((x.ts - PEOPLE_DAY0) / DAY) === day));
    });
    afterAll(() => store?.close());

    const expectPeople = async (filter: { site: string; from?: number; to?: number }) => {
      const r = await journeyReport(store, filter);
      expect([r.visitors, r.people, r.identifiedPeople]).toEqual([6, 6, 4]);
      expect(r.byChannel.map((c) => [c.channel, c.visitors])).toEqual([['direct', 2], ['organic_search', 1], ['paid_search', 1], ['referral', 1], ['social', 1]]);
      // The purchases: ana (laptop, credited to paid search) and dee (new browser, credited to social).
      const bought = (channel: string) => r.byChannel.find((c) => c.channel === channel)!.stages.p5.find((s) => s.stage === 'prime')!.visitors;
      expect([bought('paid_search'), bought('social'), bought('direct')]).toEqual([1, 1, 0]);
    };

    it('journey: one person per customer across devices, identified people counted, first touch on any device', () => expectPeople({ site }));

    it('journey: the same when the range starts and ends inside a day (partial days read from events by person)', () =>
      expectPeople({ site, from: at(0, 6), to: at(2, 20) }));

    it('ads: a purchase on another device counts for the campaign that brought the person', async () => {
      const { rows } = await adsReport(store, { site });
      expect(rows.map((r) => [r.campaign, r.landings, r.signUps, r.purchases])).toEqual([['spring', 1, 1, 1]]);
    });

    it('feedback: answers from two devices of one person are one respondent', async () => {
      const r = await feedbackReport(store, { site });
      expect(r.people).toBe(1);
      expect(r.touchpoints.map((t) => [t.touchpoint, t.npsResponses, t.people])).toEqual([['purchase', 2, 1]]);
    });
  });
}
