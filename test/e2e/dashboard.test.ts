// The dashboard in real headless Chromium: charts drawn from seeded data, filters, language switch,
// token handling, and a hostile page title that must stay inert text under the strict CSP.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler, silentLogger, type Store } from '@touchpoint/collector';
import { createAdminRoutes } from '@touchpoint/collector/admin';
import { saveCatalogue } from '@touchpoint/collector/check-ads';
import { toNodeListener } from '@touchpoint/collector/node';
import { openSqliteStore } from '@touchpoint/collector/sqlite';
import { sampleEvents, seed } from '../../packages/collector/src/reports/sample-events.fixture';
import { startLandingServer } from '../../packages/collector/src/check-ads/landing-server.fixture';
import { recordPage, saveArtifacts } from './support/artifacts';
import { launchChromium } from './support/chromium';

const TOKEN = 'e2e-dashboard-token-0123456789';
const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
const dir = mkdtempSync(join(tmpdir(), 'tp-dashboard-'));
let store: Store;
let server: Server;
let base: string;
let browser: Browser;
let landing: Awaited<ReturnType<typeof startLandingServer>>;
const offsite: string[] = [];

beforeAll(async () => {
  store = openSqliteStore(join(dir, 'dashboard.db'));
  await seed(store, 'shop', [
    ...sampleEvents(),
    { name: 'ad_landing', ts: Date.UTC(2026, 0, 5, 12), visitor: 'v9', session: 's9', path: '/es/hostile', title: HOSTILE, channel: 'paid_search',
      campaign: { source: 'google', medium: 'cpc', campaign: 'x', content: 'hostile' }, properties: { path: '/es/hostile', title: HOSTILE, h1: HOSTILE, is_home: false, is_form: false } },
  ]);
  await seed(store, 'blog', [{ name: 'page_view', ts: Date.UTC(2026, 0, 5, 9), visitor: 'b1', session: 'b1', path: '/post', channel: 'organic_search' }]);
  // The landing pages "Check now" fetches are served on loopback, allowed explicitly (the server refuses it by default).
  landing = await startLandingServer();
  await saveCatalogue(store, 'shop', [
    { adId: 'ad-trail', campaign: 'trail', headline: 'Zapatillas de trail impermeables', keywords: ['trail'], landingUrl: `${landing.base}/es/trail?utm_source=google&gclid=1` },
    { adId: 'ad-home', campaign: 'rebajas', headline: 'Rebajas', keywords: ['rebajas'], landingUrl: `${landing.base}/r/drop?utm_source=meta&utm_campaign=rebajas` },
  ]);
  const admin = createAdminRoutes({ store, token: TOKEN, checks: { allow: ['127.0.0.1'] } });
  const handler = createHandler({ sink: store, sites: [{ id: 'shop', origins: ['*'] }, { id: 'blog', origins: ['*'] }], routes: [admin], log: silentLogger, rateLimit: false });
  server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await landing?.close();
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A page in a fresh context whose requests may only go to the collector (no CDN, no network). */
async function openPage(locale = 'en-US'): Promise<{ context: BrowserContext; page: Page; log: string[] }> {
  const context = await browser.newContext({ locale, viewport: { width: 1400, height: 1000 } });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base)) return route.continue();
    offsite.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const log: string[] = [];
  recordPage(page, log);
  return { context, page, log };
}

const stageText = (page: Page, stage: string, cls: string) => page.locator(`#journey-chart li.stage[data-stage="${stage}"] .${cls}`).textContent();

describe('dashboard', () => {
  it('draws the journey flow, the ad table and NPS from the seeded data, with a strict CSP and nothing off-site', async () => {
    const { context, page, log } = await openPage();
    try {
      const response = await page.goto(`${base}/dashboard?token=${TOKEN}&site=shop`);
      expect(response?.headers()['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
      await page.locator('#journey-chart li.stage').first().waitFor();
      // The token left the address bar as soon as it was read.
      expect(page.url()).toBe(`${base}/dashboard?site=shop`);
      expect(await page.locator('#journey-chart li.stage').count()).toBe(3);
      expect(await stageText(page, 'before', 'stage-visitors')).toBe('5 visitors');
      expect(await page.locator('#journey-chart [data-conversion="before"]').textContent()).toBe('40%');
      expect(await page.locator('#journey-summary').textContent()).toBe('5 visitors, 19 touchpoints');

      await page.selectOption('#model', 'p5');
      expect(await page.locator('#journey-chart li.stage').count()).toBe(5);
      expect(await stageText(page, 'pivotal', 'stage-visitors')).toBe('3 visitors');

      const adRows = page.locator('#ads-table tbody tr');
      expect(await adRows.count()).toBe(3);
      expect(await adRows.first().textContent()).toContain('lands on the home page');
      expect(await page.locator('#nps-chart .nps-row[data-touchpoint]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-touchpoint')))).toEqual(['sign_up', 'purchase']);
      expect(await page.locator('#nps-chart .nps-row[data-touchpoint] .nps-value').allTextContents()).toEqual(['-100', '50']);

      // The hostile title is shown as text, and nothing in it ran or became an element.
      expect(await page.locator('#ads-table .page-title', { hasText: '<script>window.__pwned=1</script>' }).textContent()).toBe(HOSTILE);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('#ads-table img, #ads-table script').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(1);
      expect(log.filter((l) => /pageerror|Refused to|Content Security Policy/.test(l))).toEqual([]);
      expect(offsite).toEqual([]);
      await saveArtifacts('dashboard', page, log);
    } finally {
      await context.close();
    }
  });

  it('filters by site and by dates', async () => {
    const { context, page, log } = await openPage();
    try {
      await page.goto(`${base}/dashboard?token=${TOKEN}&site=shop`);
      await page.locator('#journey-chart li.stage').first().waitFor();
      await page.selectOption('#site', 'blog');
      await page.click('#apply');
      await expect.poll(() => page.locator('#journey-summary').textContent()).toBe('1 visitor, 1 touchpoint');
      expect(await page.locator('#ads .empty').textContent()).toMatch(/^No visits from ads in this range\. Tag your ad links/);

      await page.selectOption('#site', 'shop');
      await page.fill('#from', '2026-01-06');
      await page.click('#apply');
      await expect.poll(() => page.locator('#journey-summary').textContent()).toBe('No touchpoints in this range. Check that the SDK is on your pages, or widen the dates.');
      await page.fill('#from', '2026-01-05');
      await page.fill('#to', '2026-01-05');
      await page.click('#apply');
      await expect.poll(() => page.locator('#journey-summary').textContent()).toBe('5 visitors, 19 touchpoints');
      await saveArtifacts('dashboard-filters', page, log);
    } finally {
      await context.close();
    }
  });

  it('speaks Spanish for a Spanish browser and switches language on demand', async () => {
    const { context, page, log } = await openPage('es-ES');
    try {
      await page.goto(`${base}/dashboard?token=${TOKEN}&site=shop`);
      await page.locator('#journey-chart li.stage').first().waitFor();
      expect(await page.locator('#journey h2').textContent()).toBe('Recorrido');
      expect(await stageText(page, 'before', 'stage-name')).toBe('Antes de la compra');
      expect(await stageText(page, 'before', 'stage-visitors')).toBe('5 visitantes');
      await page.selectOption('#lang', 'en');
      expect(await page.locator('#journey h2').textContent()).toBe('Journey');
      expect(await stageText(page, 'before', 'stage-name')).toBe('Before purchase');
      await saveArtifacts('dashboard-es', page, log);
    } finally {
      await context.close();
    }
  });

  it('asks for the token once, refuses a wrong one, and keeps the right one for the session', async () => {
    const { context, page, log } = await openPage();
    try {
      await page.goto(`${base}/dashboard`);
      await page.locator('#token-form').waitFor();
      expect(await page.locator('#main').isHidden()).toBe(true);
      // no filters before sign-in
      expect(await page.locator('#filters').isHidden()).toBe(true);
      await page.fill('#token', 'not-the-token-at-all');
      await page.click('#token-form button');
      await expect.poll(() => page.locator('#status').textContent()).toBe('The key was refused. Enter it again.');
      await page.fill('#token', TOKEN);
      await page.click('#token-form button');
      await page.locator('#journey-chart li.stage').first().waitFor();
      expect(await page.locator('#filters').isVisible()).toBe(true);
      await page.reload();
      await page.locator('#journey-chart li.stage').first().waitFor();
      expect(await page.locator('#token-form').isHidden()).toBe(true);
      await saveArtifacts('dashboard-token', page, log);
    } finally {
      await context.close();
    }
  });

  it('checks the registered ads now and shows the results beside what visitors saw', async () => {
    const { context, page, log } = await openPage();
    try {
      await page.goto(`${base}/dashboard?token=${TOKEN}&site=shop`);
      await page.locator('#journey-chart li.stage').first().waitFor();
      expect(await page.locator('#checks .empty').textContent()).toBe('No check yet. Import your ads file, then press “Check now”.');
      await page.click('#check-now');
      await expect.poll(() => page.locator('#checks-table tbody tr').count(), { timeout: 30_000 }).toBe(2);
      await expect.poll(() => page.locator('#checks-table tbody tr').first().textContent()).toContain('redirect drops utm_source, utm_campaign');
      const trail = page.locator('#checks-table tbody tr', { hasText: 'ad-trail' });
      expect(await trail.locator('td').nth(1).textContent()).toBe('ok');
      expect(await trail.locator('td').nth(3).textContent()).toBe('200');
      expect(await trail.locator('td').nth(5).textContent()).toBe('2 landings · bounce 50% · sign-up 50% · LCP p75 4.0 s');
      await saveArtifacts('dashboard-checks', page, log);
    } finally {
      await context.close();
    }
  });
});
