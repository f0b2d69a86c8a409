// The report contract: the same hand-computed expectations for every store. `reports.test.ts` runs it on
// SQLite; the PostgreSQL suite imports `describeReports` and runs it there, so both stores must agree.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, saveCatalogue } from '../catalogue/store.js';
import { judgeLanding } from '../check-ads/judge-landing.js';
import { checkHistory, latestCheckResults, saveCheckResults } from '../check-ads/history.js';
import { readBlocks } from '../html/blocks.js';
import { extractSignals } from '../html/signals.js';
import { loadSiteDocs, saveSiteDocs } from '../relevance/site-docs-store.js';
import type { Store } from '../store/types.js';
import { adsReport } from './ads.js';
import { feedbackReport } from './feedback.js';
import { SAMPLE_START, sampleEvents, seed, toStoredEvent } from './sample-events.fixture.js';
import { journeyReport } from './journey.js';

const MIN = 60_000;

/**
 * Registers the report tests against a store opened by `open` (closed after). Each run seeds its own
 * random site id, so runs can share a database concurrently.
 */
export function describeReports(label: string, open: () => Promise<Store> | Store): void {
  describe(`reports on ${label}`, () => {
    let store: Store;
    const site = `rep-${randomUUID().slice(0, 8)}`;
    beforeAll(async () => {
      store = await open();
      await seed(store, site, sampleEvents());
    });
    afterAll(() => store?.close());

    describe('journey', () => {
      it('counts visitors, touchpoints and top names per phase, and conversion with median time to the next', async () => {
        const r = await journeyReport(store, { site });
        expect(r.visitors).toBe(4);
        expect(r.touchpoints).toBe(18);
        expect(r.stages.phase).toEqual([
          { stage: 'before', visitors: 4, touchpoints: 9, next: 'during', converted: 2, conversion: 0.5, medianMsToNext: 11 * MIN,
            topTouchpoints: [{ name: 'page_view', count: 4 }, { name: 'ad_landing', count: 3 }, { name: 'sign_up', count: 2 }] },
          { stage: 'during', visitors: 2, touchpoints: 3, next: 'after', converted: 2, conversion: 1, medianMsToNext: 10.5 * MIN,
            topTouchpoints: [{ name: 'begin_checkout', count: 2 }, { name: 'purchase', count: 1 }] },
          { stage: 'after', visitors: 3, touchpoints: 6, next: undefined, converted: 0, conversion: null, medianMsToNext: null,
            topTouchpoints: [{ name: 'feedback', count: 5 }, { name: 'support_open', count: 1 }] },
        ]);
      });

      it('computes the same for the 5P stages', async () => {
        const r = await journeyReport(store, { site });
        expect(r.stages.p5.map(({ stage, visitors, touchpoints, converted, conversion, medianMsToNext }) => [stage, visitors, touchpoints, converted, conversion, medianMsToNext])).toEqual([
          ['pre_touch', 3, 3, 3, 1, 0],
          ['first_touch', 4, 4, 3, 0.75, 5 * MIN],
          ['pivotal', 3, 4, 1, 1 / 3, 20 * MIN],
          ['prime', 1, 1, 1, 1, 10 * MIN],
          ['post', 3, 6, 0, null, null],
        ]);
        expect(r.stages.p5[2]!.topTouchpoints).toEqual([{ name: 'begin_checkout', count: 2 }, { name: 'sign_up', count: 2 }]);
      });

      it("splits by the channel of each visitor's first touchpoint", async () => {
        const r = await journeyReport(store, { site });
        expect(r.byChannel.map((c) => [c.channel, c.visitors])).toEqual([['paid_search', 2], ['direct', 1], ['paid_social', 1]]);
        expect(r.byChannel[0]!.stages.phase[0]!).toEqual({ stage: 'before', visitors: 2, touchpoints: 5, converted: 1, conversion: 0.5 });
        expect(r.byChannel[1]!.stages.phase[1]!).toEqual({ stage: 'during', visitors: 1, touchpoints: 1, converted: 1, conversion: 1 });
      });

      it('shows abandonment: people who stopped on a touchpoint without buying, completed journeys and empty rows left out', async () => {
        const r = await journeyReport(store, { site });
        // v1 bought (complete, whatever followed); v2 left after landing (landing and view at one ms);
        // v3 after signing up (the rating after it is no step); v4 after beginning the checkout.
        expect(r.abandonment.map((a) => [a.name, a.reached, a.abandoned])).toEqual([
          ['begin_checkout', 2, 1], ['sign_up', 2, 1], ['ad_landing', 3, 1], ['page_view', 4, 1],
        ]);
        expect(r.abandonment[2]!.share).toBeCloseTo(1 / 3);
        expect(r.botTouchpoints).toBe(6);
      });

      it('counts the bots it hides, and with includeBots reads them from the events instead of the rollup', async () => {
        const r = await journeyReport(store, { site, includeBots: true });
        expect(r.visitors).toBe(5);
        expect(r.touchpoints).toBe(24);
        expect(r.botTouchpoints).toBe(6);
        expect((await adsReport(store, { site })).botTouchpoints).toBe(6);
        expect((await feedbackReport(store, { site, from: SAMPLE_START + 201 * MIN })).botTouchpoints).toBe(5);
      });

      it('honours the time range and another site sees nothing', async () => {
        const r = await journeyReport(store, { site, from: SAMPLE_START + 100 * MIN });
        expect(r.visitors).toBe(1); // only the cookieless visitor v4 is after +100 min
        expect((await journeyReport(store, { site: `${site}-other` })).visitors).toBe(0);
      });

      it('counts a re-sent touchpoint once: the rollup sees only rows actually inserted', async () => {
        const resent = `${site}-resent`;
        const events = sampleEvents().map((e, i) => toStoredEvent(resent, { ...e, id: `r${i}` }));
        await store.write(events);
        expect(await store.write(events.slice(0, 10))).toEqual({ inserted: 0, duplicates: 10 });
        const { filter: _a, ...twice } = await journeyReport(store, { site: resent });
        const { filter: _b, ...once } = await journeyReport(store, { site });
        expect(twice).toEqual(once);
      });

      it('over a range that starts and ends mid-day, equals the journey of just the events inside it', async () => {
        // Whole days come from the journey_days rollup, the partial days at the ends from the events:
        // the same events spread over three days (v3 a day later, v4 two), cut at +3 min on the first
        // day and inside v4's visit on the third, must give what those events alone give.
        const DAY = 86_400_000;
        const shifted = sampleEvents().map((e) => ({ ...e, ts: e.ts + (e.visitor === 'v3' ? DAY : e.session === 's4' ? 2 * DAY : 0) }));
        const from = SAMPLE_START + 3 * MIN;
        const to = SAMPLE_START + 2 * DAY + 122.5 * MIN;
        const spread = `${site}-spread`;
        const inside = `${site}-inside`;
        await seed(store, spread, shifted);
        await seed(store, inside, shifted.filter((e) => e.ts >= from && e.ts < to));
        const { filter: _a, ...ranged } = await journeyReport(store, { site: spread, from, to });
        const { filter: _b, ...alone } = await journeyReport(store, { site: inside });
        expect(ranged).toEqual(alone);
        expect(ranged.visitors).toBe(4);
        expect(ranged.touchpoints).toBe(14); // 18 minus v1's landing and view at +0, minus v4's two ratings
        // A range inside one day reads only events.
        const { filter: _c, ...oneDay } = await journeyReport(store, { site: spread, from: SAMPLE_START + DAY, to: SAMPLE_START + DAY + 63 * MIN });
        expect(oneDay.visitors).toBe(1);
        expect(oneDay.touchpoints).toBe(2); // v3's landing and view (web vitals are not journey touchpoints)
      });
    });

    describe('ads', () => {
      it('computes landings, bounce, conversions, p75 LCP and relevance per campaign and page, worst first', async () => {
        const { rows } = await adsReport(store, { site });
        expect(rows).toHaveLength(2);
        expect(rows[0]).toMatchObject({
          source: 'meta', medium: 'paid_social', campaign: 'rebajas', term: null, content: 'ad-home', path: '/',
          landings: 1, bounces: 0, bounceRate: 0, signUps: 1, signUpRate: 1, purchases: 0, purchaseRate: 0, lcpP75: 3000,
          relevance: 0, isHome: true, isForm: false,
        });
        expect(rows[0]!.flags.map((f) => f.message)).toEqual(['lands on the home page', 'off topic: relevance 0/100, the page lacks "rebajas"', 'slow: p75 LCP 3.0 s']);
        expect(rows[0]!.flags[1]!.messages?.es).toBe('fuera de tema: relevancia 0/100, a la página le falta «rebajas»');
        expect(rows[0]!.relevanceSource).toBe('visitors');
        expect(rows[1]).toMatchObject({
          source: 'google', medium: 'cpc', campaign: 'trail', term: 'zapatillas trail', content: 'ad-trail', path: '/es/trail',
          landings: 2, bounces: 1, bounceRate: 0.5, signUps: 1, signUpRate: 0.5, purchases: 1, purchaseRate: 0.5, lcpP75: 4000,
          relevance: 100, adId: null,
        });
        expect(rows[1]!.flags.map((f) => f.message)).toEqual(['slow: p75 LCP 4.0 s']);
      });

      it("scores relevance against the ad's own text when it is in the catalogue", async () => {
        await saveCatalogue(store, site, [{ adId: 'ad-trail', campaign: 'trail', headline: 'Zapatillas de trail impermeables', keywords: ['montaña'] }]);
        const { rows } = await adsReport(store, { site });
        const trail = rows.find((r) => r.content === 'ad-trail')!;
        expect(trail.adId).toBe('ad-trail');
        expect(trail.relevance).toBe(50); // zapatillas + trail in the title; impermeables and montaña nowhere
      });

      it("shows the checker's stored verdict for a landing page it has checked, and keeps brand ads and synonyms", async () => {
        const ad = { adId: 'ad-trail', campaign: 'trail', headline: 'Zapatillas de trail', keywords: [], brand: false, synonyms: [['trail', 'montaña']] };
        await saveCatalogue(store, site, [ad]);
        expect(await loadCatalogue(store, site)).toEqual([{ ...ad, term: undefined, source: undefined, medium: undefined, content: undefined, landingUrl: undefined }]);
        // The page as it is now: a heading and one line, no offer — the checker judges it thin.
        const url = new URL('https://shop.example/es/trail');
        const html = '<html lang="es"><head><title>Zapatillas de trail</title></head><body><h1>Zapatillas de trail</h1><p>Próximamente.</p></body></html>';
        const result = judgeLanding({ adId: 'ad-trail', landingUrl: url.href, finalUrl: url.href, status: 200, redirects: [], droppedParams: [], problems: [], ok: false, checkedAt: SAMPLE_START },
          ad, { url, signals: extractSignals(html, url.href), blocks: readBlocks(html), query: new URLSearchParams() });
        await saveCheckResults(store, site, [result]);
        const trail = (await adsReport(store, { site })).rows.find((r) => r.content === 'ad-trail')!;
        expect(trail.relevanceSource).toBe('check');
        expect(trail.flags.map((f) => f.code)).toContain('thin');
        expect(trail.flags.find((f) => f.code === 'thin')!.messages!.es).toMatch(/^página pobre: 4 palabras de contenido/);
      });

      it("reads the check made within the report's dates, and says when it was made", async () => {
        const [thin] = (await latestCheckResults(store, site)).filter((r) => r.adId === 'ad-trail');
        expect(thin!.checkedAt).toBe(SAMPLE_START);
        // Three days later the page was fixed: a check with no problem.
        const later = SAMPLE_START + 3 * 1440 * MIN;
        await saveCheckResults(store, site, [{ ...thin!, checkedAt: later, ok: true, problems: [], relevance: { ...thin!.relevance!, score: 90, flags: [], reason: 'relevance 90/100' } }]);
        const trail = async (filter: { from?: number; to?: number }) => (await adsReport(store, { site, ...filter })).rows.find((r) => r.content === 'ad-trail')!;
        expect(await trail({})).toMatchObject({ relevanceSource: 'check', checkedAt: later, relevance: 90, flags: [{ code: 'slow' }] });
        const before = await trail({ to: later });
        expect(before).toMatchObject({ relevanceSource: 'check', checkedAt: SAMPLE_START });
        expect(before.flags.map((f) => f.code)).toContain('thin');
        // No check within [from, to): the visitors' signals, by the same rule.
        expect(await trail({ from: SAMPLE_START + 1, to: later })).toMatchObject({ relevanceSource: 'visitors', checkedAt: null, isForm: false });
        expect((await latestCheckResults(store, site, { from: SAMPLE_START + 1, to: later })).filter((r) => r.adId === 'ad-trail')).toEqual([]);
        expect((await checkHistory(store, site, 10, { to: later }))['ad-trail']!.map((h) => h.checkedAt)).toEqual([SAMPLE_START]);
      });

      it('keeps what the checker learned about the site (migration 9), one row per page or ad', async () => {
        const doc = { origin: 'https://shop.example', key: 'page:/es/trail', lang: 'es' as const, blocks: [['h1', ['zapatill', 'trail']] as [string, string[]]], title: 'Trail', path: '/es/trail' };
        await saveSiteDocs(store, site, [doc]);
        await saveSiteDocs(store, site, [{ ...doc, title: 'Trail 2' }]);
        expect(await loadSiteDocs(store, site)).toEqual([{ ...doc, title: 'Trail 2' }]);
      });

      it('flags a high bounce rate at the configured threshold', async () => {
        const { rows } = await adsReport(store, { site }, { thresholds: { maxBounce: 0.5 }, catalogue: [] });
        expect(rows.find((r) => r.content === 'ad-trail')!.flags.map((f) => f.code)).toEqual(['high_bounce', 'slow']);
      });
    });

    describe('feedback', () => {
      it('computes NPS and CSAT per touchpoint and stage, and classes each', async () => {
        const r = await feedbackReport(store, { site });
        expect(r.ignored).toBe(0);
        expect(r.touchpoints).toEqual([
          { touchpoint: 'sign_up', phase: 'before', p5: 'pivotal', npsResponses: 1, promoters: 0, passives: 0, detractors: 1, nps: -100, csatResponses: 0, satisfied: 0, csat: null, sentiment: 'negative', people: 1 },
          { touchpoint: 'purchase', phase: 'during', p5: 'prime', npsResponses: 2, promoters: 1, passives: 1, detractors: 0, nps: 50, csatResponses: 2, satisfied: 1, csat: 0.5, sentiment: 'negative', people: 2 },
        ]);
        expect(r.people).toBe(3);
        expect(r.stages.phase.map((s) => [s.stage, s.nps, s.csat])).toEqual([['before', -100, null], ['during', 50, 0.5]]);
        expect(r.stages.p5.map((s) => s.stage)).toEqual(['pivotal', 'prime']);
      });
    });
  });
}
