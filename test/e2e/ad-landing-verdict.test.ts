// One verdict on an ad's landing page, whoever reads it: two hand-made landings (a registration form in a
// shop's chrome, a product page with a newsletter form) opened from their ads in real Chromium with the
// built SDK, stored by the real collector, then checked by the ad checker. The SDK's `is_form`, the
// checker's signals, its problems and the Ad landings table must all say the same of each page — the
// table from visitors' signals before any check, from the check once there is one within the dates.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { extractSignals, runChecks, saveCatalogue, saveCheckResults, type Ad } from '@touchpoint/collector/check-ads';
import { adsReport } from '@touchpoint/collector/reports';
import { openSqliteStore } from '@touchpoint/collector/sqlite';
import { launchChromium } from './support/chromium';
import { collectorProcess, eventually, type CollectorProcess } from './support/collector-process';
import { FIXTURES, SDK_DIST, serveStatic, type StaticServer } from './support/static-server';

const SITE = 'e2e-verdict';
// A desktop browser's user agent: headless Chromium's own would be stored as a bot and kept out of the report.
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const VERDICT = ['home_page', 'form_page', 'off_topic', 'thin'];
let browser: Browser;
let site: StaticServer;
let collector: CollectorProcess;

beforeAll(async () => {
  site = await serveStatic({ '/': FIXTURES, '/sdk/': SDK_DIST });
  [collector, browser] = await Promise.all([collectorProcess({ site: SITE, origins: [site.url] }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await collector?.stop();
});

const utm = (content: string) => `utm_source=bing&utm_medium=cpc&utm_campaign=winter-boots&utm_term=winter+hiking+boots&utm_content=${content}`;
const PAGES = [
  { adId: 'ad-form', path: '/ad-landing-form.html', isForm: true },
  { adId: 'ad-article', path: '/ad-landing-article.html', isForm: false },
];

it('the SDK, the ad checker and the Ad landings table call a registration page only a form, and a product page with a newsletter box not', async () => {
  const ads: Ad[] = PAGES.map((p) => ({ adId: p.adId, campaign: 'winter-boots', term: 'winter hiking boots', content: p.adId, headline: 'Winter hiking boots', keywords: ['winter boots'], landingUrl: `${site.url}${p.path}?${utm(p.adId)}` }));
  const context = await browser.newContext({ userAgent: USER_AGENT });
  for (const p of PAGES) {
    const page = await context.newPage();
    await page.goto(`${site.url}${p.path}?collector=${encodeURIComponent(`${collector.url}/v1/touchpoints`)}&${utm(p.adId)}`);
    await eventually(() => collector.stored().some((r) => r.name === 'ad_landing' && r.data.page?.path === p.path), 20_000, () => JSON.stringify(collector.stored().map((r) => r.name)));
    await page.close();
  }
  await context.close();

  // The SDK in Chromium and the checker's parser, on the same HTML.
  const landings = collector.stored().filter((r) => r.name === 'ad_landing');
  for (const p of PAGES) {
    const sdk = landings.find((r) => r.data.page?.path === p.path)!.data.properties as { is_form: boolean; is_home: boolean };
    const html = await (await fetch(`${site.url}${p.path}`)).text();
    expect({ page: p.path, sdk: sdk.is_form, checker: extractSignals(html, `${site.url}${p.path}`).isForm }).toEqual({ page: p.path, sdk: p.isForm, checker: p.isForm });
    expect(sdk.is_home).toBe(false);
  }

  const store = openSqliteStore(collector.db);
  try {
    await saveCatalogue(store, SITE, ads);
    const byPath = async (filter: { from?: number; to?: number } = {}) => new Map((await adsReport(store, { site: SITE, ...filter })).rows.map((r) => [r.path, r]));

    // Before any check: the visitors' signals, judged by the checker's rule.
    const seen = await byPath();
    for (const p of PAGES) {
      const row = seen.get(p.path)!;
      expect(row).toMatchObject({ relevanceSource: 'visitors', checkedAt: null, isForm: p.isForm });
      expect(row.flags.some((f) => f.code === 'form_page')).toBe(p.isForm);
    }
    expect(seen.get('/ad-landing-form.html')!.flags.find((f) => f.code === 'form_page')).toEqual({
      code: 'form_page', message: 'page is only a registration form', messages: { en: 'page is only a registration form', es: 'la página es solo un formulario de registro' },
    });

    // The check, kept in the store: the table now shows its verdict and flags, and says when it was made.
    const results = await runChecks(ads, { allowLoopback: true, store, site: SITE });
    await saveCheckResults(store, SITE, results);
    const checked = await byPath();
    for (const p of PAGES) {
      const result = results.find((r) => r.adId === p.adId)!;
      const row = checked.get(p.path)!;
      expect(result.signals!.isForm).toBe(p.isForm);
      expect(row).toMatchObject({ relevanceSource: 'check', checkedAt: result.checkedAt, isForm: p.isForm, relevance: result.relevance!.score });
      const verdict = result.problems.filter((f) => VERDICT.includes(f.code)).map(({ code, message, messages }) => ({ code, message, messages }));
      expect(row.flags.filter((f) => VERDICT.includes(f.code))).toEqual(verdict);
      expect(verdict.some((f) => f.code === 'form_page')).toBe(p.isForm);
    }

    // A period that ends before the check reads no check: back to the visitors' verdict, which agrees.
    const before = await byPath({ to: Math.min(...results.map((r) => r.checkedAt)) });
    for (const p of PAGES) {
      const row = before.get(p.path)!;
      expect(row).toMatchObject({ relevanceSource: 'visitors', checkedAt: null, isForm: p.isForm });
      expect(row.flags.some((f) => f.code === 'form_page')).toBe(p.isForm);
    }
  } finally {
    await store.close();
  }
});
