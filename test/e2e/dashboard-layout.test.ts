// The dashboard at a phone's, a tablet's and a desktop's width, in Spanish and English, with data in every
// view: nothing wider than the screen, no word left in the other language, markup in the data inert.
// The reports being built beside this one (attribution, funnel, what to fix first, retention, a person's
// timeline) and the ad checks are answered by the page's network layer from reports.fixture.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler, silentLogger, type Store } from '@touchpoint/collector';
import { createAdminRoutes } from '@touchpoint/collector/admin';
import { toNodeListener } from '@touchpoint/collector/node';
import { openSqliteStore } from '@touchpoint/collector/sqlite';
import { CHECKS, HOSTILE, REPORTS } from '../../packages/collector/src/dashboard/reports.fixture';
import { sampleEvents, seed } from '../../packages/collector/src/reports/sample-events.fixture';
import { recordPage, saveArtifacts } from './support/artifacts';
import { launchChromium } from './support/chromium';
import { dataStrings, shownStrings, untranslated } from './support/untranslated';

const TOKEN = 'e2e-dashboard-layout-token-0123456789';
const FIXTURE_PATHS = ['/api/reports/attribution', '/api/reports/funnel', '/api/reports/weak-touchpoints', '/api/reports/retention', '/api/people/timeline', '/api/check-ads'];
const dir = mkdtempSync(join(tmpdir(), 'tp-dashboard-layout-'));
let store: Store;
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  store = openSqliteStore(join(dir, 'layout.db'));
  await seed(store, 'shop', [
    ...sampleEvents(),
    { name: 'ad_landing', ts: Date.UTC(2026, 0, 5, 12), visitor: 'v9', session: 's9', path: '/es/hostile', title: HOSTILE, channel: 'paid_search',
      campaign: { source: 'google', medium: 'cpc', campaign: HOSTILE, content: 'hostile' }, properties: { path: '/es/hostile', title: HOSTILE, h1: HOSTILE, is_home: false, is_form: false } },
  ]);
  const handler = createHandler({ sink: store, sites: [{ id: 'shop', origins: ['*'] }], routes: [createAdminRoutes({ store, token: TOKEN })], log: silentLogger, rateLimit: false });
  server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens the dashboard signed in, at `width`, in `lang`; returns the page, its log and the data it was given. */
async function open(width: number, lang: 'en' | 'es') {
  const context = await browser.newContext({ locale: lang === 'es' ? 'es-ES' : 'en-US', viewport: { width, height: 900 } });
  const requests: string[] = [];
  const given: unknown[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (!url.href.startsWith(base)) return route.abort();
    requests.push(url.pathname + url.search);
    if (FIXTURE_PATHS.includes(url.pathname) && route.request().method() === 'GET') {
      given.push(REPORTS[url.pathname]);
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(REPORTS[url.pathname]) });
    }
    if (url.pathname.startsWith('/api/reports/') || url.pathname === '/api/sites') {
      const res = await route.fetch();
      given.push(await res.json());
      return route.fulfill({ response: res });
    }
    return route.continue();
  });
  const page = await context.newPage();
  const log: string[] = [];
  recordPage(page, log);
  await page.goto(`${base}/dashboard?token=${TOKEN}&site=shop`);
  await page.locator('#retention-table').waitFor();
  await page.locator('#journey-chart li.stage').first().waitFor();
  // one person's timeline, asked for by user id
  await page.fill('#person-id', 'u-1');
  await page.click('#person-form button');
  await page.locator('#timeline-list').waitFor();
  return { context, page, log, requests, given, data: () => dataStrings(...given, CHECKS) };
}

/** The page's width against the window's, and the elements reaching past the window (to name in a failure). */
const overflow = (page: Page) => page.evaluate(() => ({
  scrollWidth: document.scrollingElement!.scrollWidth,
  innerWidth: window.innerWidth,
  wide: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`),
}));

describe.each([360, 768, 1366])('dashboard at %i px', (width) => {
  it.each(['en', 'es'] as const)('in %s fits the screen, speaks one language and keeps markup inert', async (lang) => {
    const { context, page, log, data } = await open(width, lang);
    try {
      for (const id of ['journey', 'attribution', 'funnel', 'fix-first', 'ads', 'checks', 'feedback', 'retention', 'timeline']) {
        expect(await page.locator(`section#${id}`).isVisible(), id).toBe(true);
      }
      const { scrollWidth, innerWidth, wide } = await overflow(page);
      expect(scrollWidth, `horizontal overflow: ${wide.join(', ')}`).toBeLessThanOrEqual(innerWidth);
      expect(untranslated(await shownStrings(page), lang, data())).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('main script, main img, main b, main i, main iframe').count()).toBe(0);
      expect(await page.locator('#ads-table .page-title', { hasText: '<script>' }).first().textContent()).toBe(HOSTILE);
      expect(log.filter((l) => /pageerror|Refused to|Content Security Policy/.test(l))).toEqual([]);
      await saveArtifacts(`dashboard-${width}-${lang}`, page, log);
    } finally {
      await context.close();
    }
  });
});

describe('dashboard controls', () => {
  it('says how many touchpoints from bots were hidden and includes them on request', async () => {
    const { context, page, requests, given } = await open(1366, 'en');
    try {
      // the most any report hid (the fixtures' 4, or more in the collector's own reports)
      const hidden = Math.max(...given.map((r) => (r as { botTouchpoints?: number }).botTouchpoints ?? 0));
      expect(hidden).toBeGreaterThanOrEqual(4);
      expect(await page.locator('#bots-text').textContent()).toBe(`${hidden} touchpoints from bots hidden.`);
      await page.click('#bots-toggle');
      await expect.poll(() => requests.some((r) => r.startsWith('/api/reports/journey?') && r.includes('bots=include'))).toBe(true);
      await expect.poll(() => page.locator('#bots-text').textContent()).toBe('Touchpoints from bots included.');
      expect(await page.locator('#bots-toggle').textContent()).toBe('Hide them');
    } finally {
      await context.close();
    }
  });

  it('asks the attribution report again for the model chosen, and names it', async () => {
    const { context, page, requests } = await open(1366, 'es');
    try {
      expect(await page.locator('#attribution .model-name').textContent()).toBe('Último clic no directo');
      await page.selectOption('#attribution-model', 'linear');
      await expect.poll(() => requests.some((r) => r.startsWith('/api/reports/attribution?') && r.includes('model=linear'))).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('hides a view whose report this collector does not have', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    try {
      await context.route('**/api/reports/retention?*', (route) => route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":"no such endpoint"}' }));
      const page = await context.newPage();
      await page.goto(`${base}/dashboard?token=${TOKEN}&site=shop`);
      await page.locator('#journey-chart li.stage').first().waitFor();
      await expect.poll(() => page.locator('#status').textContent()).toMatch(/^Updated /);
      expect(await page.locator('section#feedback').isVisible()).toBe(true);
      expect(await page.locator('section#retention').isHidden()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
