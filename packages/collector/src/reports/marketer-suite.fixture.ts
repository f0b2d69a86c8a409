// The marketer's reports' contract (attribution, revenue, funnel, what to fix first): hand-computed
// expectations from marketer-events.fixture.ts, registered for each store by marketer-reports.test.ts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/types.js';
import { attributionReport, type AttributionReport } from './attribution.js';
import { funnelReport } from './funnel.js';
import { attributionEvents, linkAna, MARKUP_CAMPAIGN, RANGE, T, W, weakEvents } from './marketer-events.fixture.js';
import { renderAttribution } from './render.js';
import { seed } from './sample-events.fixture.js';
import { weakTouchpointsReport } from './weak-touchpoints.js';

const eur = (orders: number, gross: number, refunds: number, net: number, averageOrderValue: number | null) => ({ currency: 'EUR', orders, gross, refunds, net, averageOrderValue });
const usd = (orders: number, gross: number, refunds: number, net: number, averageOrderValue: number | null) => ({ currency: 'USD', orders, gross, refunds, net, averageOrderValue });
const brief = (r: AttributionReport) => r.rows.map((row) => [row.key, row.purchases, row.signUps]);

/** Registers the marketer-report tests against a store opened by `open` (closed after). */
export function describeMarketerReports(label: string, open: () => Promise<Store> | Store): void {
  describe(`marketer reports on ${label}`, () => {
    let store: Store;
    const site = `mkt-${randomUUID().slice(0, 8)}`;
    const weak = `${site}-weak`;
    const filter = { site, ...RANGE };
    beforeAll(async () => {
      store = await open();
      await seed(store, site, attributionEvents());
      await linkAna(store, site);
      await seed(store, weak, weakEvents());
    });
    afterAll(() => store?.close());

    describe('attribution', () => {
      it('credits the last non-direct arrival by default, with revenue per currency, refunds subtracted and orders counted once', async () => {
        const r = await attributionReport(store, filter);
        expect([r.model, r.lookbackDays, r.by]).toEqual(['last_non_direct', 30, 'channel']);
        expect(r.rows).toEqual([
          { key: 'paid_search', signUps: 0, purchases: 2, revenue: [usd(1, 50, 0, 50, 50), eur(1, 30, 10, 20, 20)] },
          { key: 'paid_social', signUps: 1, purchases: 1, revenue: [eur(1, 100, 0, 100, 100)] },
          { key: 'direct', signUps: 0, purchases: 1, revenue: [eur(1, 20, 20, 0, 0)] },
          { key: 'organic_search', signUps: 0, purchases: 1, revenue: [eur(1, 0, 0, 0, 0)] },
        ]);
        expect(r.totals).toEqual({ signUps: 1, purchases: 5, revenue: [eur(4, 150, 30, 120, 30), usd(1, 50, 0, 50, 50)] });
        expect(r.unmatchedRefunds).toBe(1);
        expect(r.botTouchpoints).toBe(3);
      });

      it('credits the first arrival in the window with first_touch (the newsletter, before the range)', async () => {
        const r = await attributionReport(store, filter, { model: 'first_touch' });
        expect(brief(r)).toEqual([['paid_search', 2, 0], ['email', 1, 1], ['direct', 1, 0], ['organic_search', 1, 0]]);
      });

      it('shares the credit equally among the arrivals in the window with linear', async () => {
        const r = await attributionReport(store, filter, { model: 'linear' });
        expect(brief(r)).toEqual([['paid_search', 2, 0], ['direct', 1, 0], ['organic_search', 1, 0], ['email', 0.5, 0.5], ['paid_social', 0.5, 0.5]]);
        expect(r.rows[3]!.revenue).toEqual([eur(0.5, 50, 0, 50, 100)]);
      });

      it('groups by campaign, ad and landing page, handing names with markup on as data', async () => {
        expect(brief(await attributionReport(store, filter, { by: 'campaign' }))).toEqual([[MARKUP_CAMPAIGN, 2, 0], [null, 2, 0], ['rebajas', 1, 1]]);
        expect(brief(await attributionReport(store, filter, { by: 'ad' }))).toEqual([['ad-trail', 2, 0], [null, 2, 0], ['ad-home', 1, 1]]);
        expect(brief(await attributionReport(store, filter, { by: 'landing' }))).toEqual([['/es/trail', 2, 0], ['/', 1, 1], ['/blog', 1, 0], [null, 1, 0]]);
        expect(brief(await attributionReport(store, filter, { by: 'landing', model: 'first_touch' }))).toEqual([['/es/trail', 2, 0], ['/news', 1, 1], ['/blog', 1, 0], [null, 1, 0]]);
        const csv = renderAttribution(await attributionReport(store, filter, { by: 'campaign' }), 'csv');
        expect(csv.split('\r\n')[1]).toBe(`last_non_direct,30,${MARKUP_CAMPAIGN},0,2,USD,1,50,0,50,50`);
        expect(JSON.parse(renderAttribution(await attributionReport(store, filter, { by: 'campaign' }), 'json')).rows[0].key).toBe(MARKUP_CAMPAIGN);
      });

      it('honours the lookback window: direct when nothing else is inside it, older arrivals when it is longer', async () => {
        expect(brief(await attributionReport(store, filter, { lookbackDays: 1 }))).toEqual([['direct', 2, 1], ['paid_search', 2, 0], ['organic_search', 1, 0]]);
        expect(brief(await attributionReport(store, filter, { lookbackDays: 60, model: 'first_touch', by: 'campaign' }))).toEqual([[MARKUP_CAMPAIGN, 2, 0], [null, 2, 0], ['old', 1, 1]]);
      });

      it('counts bots only when asked', async () => {
        const r = await attributionReport(store, { ...filter, includeBots: true });
        expect(r.totals.purchases).toBe(6);
        expect(r.rows[0]).toMatchObject({ key: 'paid_search', purchases: 3 });
        expect(r.botTouchpoints).toBe(3);
      });
    });

    describe('checkout funnel', () => {
      it('counts people reaching each step after every step before it, with the drop-off, by channel and device', async () => {
        const r = await funnelReport(store, filter);
        expect(r.steps).toEqual(['begin_checkout', 'add_shipping_info', 'add_payment_info', 'purchase']);
        expect(r.overall).toEqual([
          { step: 'begin_checkout', people: 3, dropOff: 0, conversion: null },
          { step: 'add_shipping_info', people: 2, dropOff: 1, conversion: 2 / 3 },
          { step: 'add_payment_info', people: 1, dropOff: 1, conversion: 0.5 },
          { step: 'purchase', people: 1, dropOff: 0, conversion: 1 },
        ]);
        expect(r.byChannel.map((s) => [s.key, s.people, s.steps.map((x) => x.people)])).toEqual([
          ['direct', 1, [1, 1, 0, 0]], ['organic_search', 1, [1, 0, 0, 0]], ['paid_search', 1, [1, 1, 1, 1]],
        ]);
        expect(r.byDevice.map((s) => [s.key, s.people, s.steps.map((x) => x.people)])).toEqual([['desktop', 2, [2, 2, 1, 1]], ['mobile', 1, [1, 0, 0, 0]]]);
        expect(r.botTouchpoints).toBe(3);
      });

      it("follows a site's own steps", async () => {
        const r = await funnelReport(store, filter, { steps: ['begin_checkout', 'add_payment_info', 'purchase'] });
        expect(r.overall.map((s) => s.people)).toEqual([3, 2, 2]);
      });
    });

    describe('what to fix first', () => {
      it('ranks weak touchpoints by the impact of their negative evidence, explicit and implicit', async () => {
        const r = await weakTouchpointsReport(store, { site: weak });
        expect(r.items.map((i) => [i.name, i.path, i.score])).toEqual([
          ['add_shipping_info', null, 5], ['page_view', '/checkout', 3], ['error_page', '/checkout/pay', 2], ['ad_landing', '/registro', 1], ['begin_checkout', null, 1],
        ]);
        expect(r.items[0]!.evidence).toEqual([
          { signal: 'abandonment', class: 'negative', reason: { code: 'abandoned_after', values: { abandoned: 2, reached: 3, share: 2 / 3 } }, impact: 2 },
          { signal: 'feedback', class: 'negative', reason: { code: 'csat', values: { csat: 1 / 3, responses: 3, dissatisfied: 2 } }, impact: 2 },
          { signal: 'support', class: 'negative', reason: { code: 'support_soon_after', values: { contacts: 1, withinMinutes: 10 } }, impact: 1 },
        ]);
        expect(r.items[1]!.evidence).toEqual([
          { signal: 'speed', class: 'negative', reason: { code: 'lcp_p75', values: { p75Ms: 3500, samples: 4, slowSamples: 3, limitMs: 2500 } }, impact: 3 },
        ]);
        expect(r.items[2]!.evidence[0]!.reason).toEqual({ code: 'error_page', values: { views: 3, people: 2 } });
        expect(r.items[3]!.evidence.map((e) => e.reason.code)).toEqual(['ad_flag_form_page']);
        expect(r.items[4]!.evidence[0]!.reason.values).toEqual({ abandoned: 1, reached: 4, share: 0.25 });
        // Only positive evidence (purchase NPS 100, LCP on / 1200 ms): not listed.
        expect(r.items.some((i) => i.name === 'purchase' || i.path === '/' && i.name === 'page_view')).toBe(false);
      });

      it('moves the support window with its threshold', async () => {
        const r = await weakTouchpointsReport(store, { site: weak }, { thresholds: { supportWithinMinutes: 30 } });
        expect(r.items.find((i) => i.name === 'begin_checkout')!.score).toBe(2); // P4's contact 20 min later now counts
      });
    });

    it('a time range before the data gives empty reports', async () => {
      const empty = { site, from: T - 100 * 86_400_000, to: T - 99 * 86_400_000 };
      expect((await attributionReport(store, empty)).rows).toEqual([]);
      expect((await funnelReport(store, empty)).overall.map((s) => s.people)).toEqual([0, 0, 0, 0]);
      expect((await weakTouchpointsReport(store, { site, from: W + 86_400_000 * 10 })).items).toEqual([]);
    });
  });
}
