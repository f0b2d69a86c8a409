// Segment's real analytics.js (@segment/analytics-next) in Chromium, sending to the real collector: a site
// moving off Segment keeps its tracking code and points `apiHost` at Touchpoint. The collector's Segment
// API is unit-tested by payload shape (packages/collector/src/segment); this pins it against the library
// itself — its short paths (/v1/p, /v1/t, /v1/i), text/plain bodies, write key in the body, CORS.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { collectorProcess, eventually, type CollectorProcess } from './support/collector-process';
import { FIXTURES, serveStatic, type StaticServer } from './support/static-server';

const SITE = 'ajs-shop';
const WRITE_KEY = 'wk_ajs_e2e_1';
// dist/umd of the package: index.js and the chunks it loads on demand
const AJS_UMD = dirname(createRequire(import.meta.url).resolve('@segment/analytics-next/dist/umd/index.js'));

let browser: Browser;
let site: StaticServer;
let collector: CollectorProcess;

beforeAll(async () => {
  site = await serveStatic({ '/': FIXTURES, '/ajs/': AJS_UMD, '/ajs-cdn/analytics-next/bundles/': AJS_UMD });
  collector = await collectorProcess({ site: SITE, origins: [site.url], args: ['--write-key', WRITE_KEY] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await collector?.stop();
  await site?.close();
});

it('stores what analytics.js sends: page, the Segment e-commerce spec as touchpoints, identify — once each', async () => {
  const page = await browser.newPage();
  const posts: string[] = [];
  page.on('request', (r) => r.method() == 'POST' && r.url().startsWith(collector.url) && posts.push(new URL(r.url()).pathname));
  const apiHost = `127.0.0.1:${collector.port}/v1`;
  await page.goto(`${site.url}/segment-analytics-js.html?${new URLSearchParams({ writeKey: WRITE_KEY, apiHost, utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring' })}`);
  await page.evaluate(async () => {
    const ajs = (window as any).ajs;
    await ajs.page();
    await ajs.track('Checkout Started', { value: 129, currency: 'EUR' });
    await ajs.identify('user-7', { plan: 'pro' });
    await ajs.track('Order Completed', { order_id: 'A-1001', revenue: 129, currency: 'EUR' });
    await ajs.track('Wishlist Shared', { sku: 'trail-gtx' });
  });
  await eventually(() => collector.stored().length >= 5, 15_000, () => `posts ${JSON.stringify(posts)}, stored ${JSON.stringify(collector.stored().map((r) => r.name))}`);
  await page.waitForTimeout(300); // nothing more (no duplicates) arrives
  const rows = collector.stored();
  expect(rows.map((r) => r.name).sort()).toEqual(['begin_checkout', 'identify', 'page_view', 'purchase', 'wishlist_shared']);
  expect(new Set(posts)).toEqual(new Set(['/v1/p', '/v1/t', '/v1/i']));
  const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
  expect(byName.page_view!.data.page).toMatchObject({ path: '/segment-analytics-js.html', title: 'Trail Runner GTX' });
  expect(byName.page_view!.utmSource).toBe('google');
  expect(byName.purchase!.data.properties).toMatchObject({ order_id: 'A-1001', revenue: 129 });
  expect(byName.purchase!.data.userId).toBe('user-7');
  expect([byName.begin_checkout!.phase, byName.purchase!.phase]).toEqual(['during', 'during']);
  // one visitor: analytics.js's anonymous id on every row
  expect(new Set(rows.map((r) => r.data.anonymousId)).size).toBe(1);
  await page.close();
});
