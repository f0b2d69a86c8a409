// Jitsu's real JavaScript SDK (@jitsu/js 1.11.0) sending to the real collector (the built CLI): a site
// moving off Jitsu keeps its tracking code and points `host` at Touchpoint. In Chromium: the ES module
// build as a bundler would ship it, and the script-tag build (dist/web/p.js). In Node: its
// server-to-server mode (/api/s/s2s/…). The library does not retry, so this is about delivery and
// mapping: each event stored once, ids, campaign and time right.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { jitsuAnalytics } from '@jitsu/js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { collectorProcess, eventually, type CollectorProcess, type ExportedRow } from './support/collector-process';
import { FIXTURES, serveStatic, type StaticServer } from './support/static-server';

const SITE = 'jitsu-shop';
const SITE_WRITE_KEY = 'wk_jitsu_e2e_1';
// @jitsu/js refuses a key without Jitsu's `id:secret` form: `{site id}:{site write key}` names the site.
const JITSU_WRITE_KEY = `${SITE}:${SITE_WRITE_KEY}`;
const JITSU_DIST = dirname(createRequire(import.meta.url).resolve('@jitsu/js/dist/jitsu.es.js'));
const UTM = { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'spring' };

let browser: Browser;
let site: StaticServer;
let collector: CollectorProcess;

beforeAll(async () => {
  site = await serveStatic({ '/': FIXTURES, '/jitsu/': JITSU_DIST });
  collector = await collectorProcess({ site: SITE, origins: [site.url], args: ['--write-key', SITE_WRITE_KEY] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await collector?.stop();
  await site?.close();
});

/** What the page sent to the collector, as the library built it. */
interface SentEvent {
  path: string;
  headers: Record<string, string>;
  body: { type: string; messageId: string; anonymousId: string; timestamp: string; userId?: string | null };
}

/** Every URL the page requested, and the events it POSTed to the collector. */
function watch(page: Page) {
  const urls: string[] = [];
  const sent: SentEvent[] = [];
  page.on('request', (r) => {
    urls.push(r.url());
    if (r.method() === 'POST' && r.url().startsWith(collector.url)) {
      sent.push({ path: new URL(r.url()).pathname, headers: r.headers(), body: JSON.parse(r.postData() ?? 'null') });
    }
  });
  return { urls, sent };
}

const storedOf = (sent: SentEvent[]) => {
  const ids = new Set(sent.map((s) => s.body.messageId));
  return collector.stored().filter((r) => ids.has(r.id));
};

/** Each sent event stored exactly once, under its messageId, at the time the library gave it. */
function expectStoredOnce(sent: SentEvent[], rows: ExportedRow[]) {
  expect(rows.map((r) => r.id).sort()).toEqual(sent.map((s) => s.body.messageId).sort());
  for (const s of sent) {
    const row = rows.find((r) => r.id === s.body.messageId)!;
    // Jitsu stamps timestamp and sentAt together, so the skew correction moves ts by the network time only.
    expect(Math.abs(row.ts - Date.parse(s.body.timestamp))).toBeLessThan(2_000);
    expect(row.data.anonymousId).toBe(s.body.anonymousId);
  }
}

it('stores what @jitsu/js (ES module) sends from a page: page, Order Completed with revenue, identify — once each', async () => {
  const page = await browser.newPage();
  const { urls, sent } = watch(page);
  await page.goto(`${site.url}/jitsu-js.html?${new URLSearchParams(UTM)}`);
  const before = Date.now();
  const errors = await page.evaluate(async ({ host, writeKey }) => {
    const w = window as any;
    await w.startJitsu({ host, writeKey });
    await w.jitsu.page();
    await w.jitsu.track('Order Completed', { order_id: 'A-1001', revenue: 129, currency: 'EUR' });
    await w.jitsu.identify('user-7', { plan: 'pro' });
    await w.jitsu.track('Product Reviewed', { sku: 'trail-gtx', rating: 5 });
    return w.jitsuErrors as string[];
  }, { host: collector.url, writeKey: JITSU_WRITE_KEY });
  const after = Date.now();
  expect(errors).toEqual([]);
  await eventually(() => storedOf(sent).length >= 4, 15_000, () => `sent ${JSON.stringify(sent.map((s) => s.path))}, stored ${JSON.stringify(collector.stored().map((r) => r.name))}`);
  await page.waitForTimeout(300); // nothing more (no duplicates) arrives
  const rows = storedOf(sent);

  expect(sent.map((s) => s.path)).toEqual(['/api/s/page', '/api/s/track', '/api/s/identify', '/api/s/track']);
  expect(new Set(sent.map((s) => s.headers['x-write-key']))).toEqual(new Set([JITSU_WRITE_KEY]));
  expectStoredOnce(sent, rows);
  for (const r of rows) expect(r.ts >= before - 1_000 && r.ts <= after + 1_000).toBe(true);
  const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
  expect(Object.keys(byName).sort()).toEqual(['identify', 'page_view', 'product_reviewed', 'purchase']);
  expect(byName.page_view!.data.page).toMatchObject({ path: '/jitsu-js.html', title: 'Trail Runner GTX' });
  expect(byName.purchase!.data.properties).toMatchObject({ order_id: 'A-1001', revenue: 129, currency: 'EUR', segmentEvent: 'Order Completed' });
  expect(byName.product_reviewed!.data.properties).toMatchObject({ sku: 'trail-gtx', rating: 5, segmentEvent: 'Product Reviewed' });
  // UTM campaign from the page URL on every event, the user id from identify on, one visitor throughout
  for (const r of rows) expect([r.utmSource, r.utmMedium, r.utmCampaign]).toEqual(['newsletter', 'email', 'spring']);
  expect([byName.page_view!.data.userId, byName.purchase!.data.userId, byName.identify!.data.userId, byName.product_reviewed!.data.userId]).toEqual([undefined, undefined, 'user-7', 'user-7']);
  expect(byName.identify!.data.traits).toMatchObject({ plan: 'pro' });
  expect(new Set(rows.map((r) => r.data.anonymousId)).size).toBe(1);
  expect(byName.purchase!.data.sdk).toEqual({ name: '@jitsu/js', version: '1.11.0' });
  expect(urls.filter((u) => !u.startsWith('http://127.0.0.1:'))).toEqual([]);
  await page.close();
});

it('stores the page view the script-tag build (p.js) sends on load', async () => {
  const page = await browser.newPage();
  const { urls, sent } = watch(page);
  // p.js takes its host from its own URL, so Jitsu serves it from the ingest host; here the browser gets
  // the package's file for <collector>/p.js (as a proxy in front of the collector would serve it).
  const pJs = readFileSync(join(JITSU_DIST, 'web/p.js.txt'));
  await page.route(`${collector.url}/p.js`, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: pJs }));
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${site.url}/jitsu-js-script-tag.html?${new URLSearchParams(UTM)}#${new URLSearchParams({ collector: collector.url, writeKey: JITSU_WRITE_KEY })}`);
  await eventually(() => storedOf(sent).length >= 1, 15_000, () => `sent ${JSON.stringify(sent.map((s) => s.path))}, errors ${JSON.stringify(errors)}`);
  await page.waitForTimeout(300);
  const rows = storedOf(sent);
  expect(sent.map((s) => s.path)).toEqual(['/api/s/page']);
  expectStoredOnce(sent, rows);
  expect(rows[0]).toMatchObject({ name: 'page_view', utmSource: 'newsletter', utmCampaign: 'spring' });
  expect(rows[0]!.data.page!.url).not.toContain('writeKey');
  expect(errors).toEqual([]);
  expect(urls.filter((u) => !u.startsWith('http://127.0.0.1:'))).toEqual([]);
  await page.close();
});

it('stores what @jitsu/js sends server to server from Node (s2s: true → /api/s/s2s/…), no Origin, the end user from context', async () => {
  const requests: Array<{ url: string; headers: Headers; body: SentEvent['body'] }> = [];
  const errors: string[] = [];
  const backend = jitsuAnalytics({
    host: collector.url,
    writeKey: JITSU_WRITE_KEY,
    s2s: true,
    // @jitsu/js 1.11.0 merges each call's context into this object (the default one is shared by every client)
    defaultPayloadContext: {},
    errorPolicy: (message: string) => void errors.push(message),
    // the real fetch, watched: what goes over the wire
    fetch: async (url: string | URL | Request, init?: RequestInit) => {
      requests.push({ url: String(url), headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) });
      return fetch(url, init);
    },
  });
  const endUser = { ip: '203.0.113.77', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36' };
  await backend.identify('user-42', { email: 'ada@example.test' }, { context: endUser });
  await backend.track('Order Completed', { order_id: 'S-9', revenue: 64.5, currency: 'EUR' }, { context: endUser });
  expect(errors).toEqual([]);
  expect(requests.map((r) => new URL(r.url).pathname)).toEqual(['/api/s/s2s/identify', '/api/s/s2s/track']);
  expect(requests.every((r) => r.headers.get('x-write-key') === JITSU_WRITE_KEY && !r.headers.has('origin'))).toBe(true);

  const sent = requests.map((r) => ({ path: new URL(r.url).pathname, headers: {}, body: r.body }));
  await eventually(() => storedOf(sent).length >= 2, 15_000, () => `stored ${JSON.stringify(collector.stored().map((r) => r.name))}`);
  const rows = storedOf(sent);
  expectStoredOnce(sent, rows);
  const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
  expect(byName.purchase!.data).toMatchObject({ userId: 'user-42', properties: { order_id: 'S-9', revenue: 64.5 } });
  expect(byName.identify!.data).toMatchObject({ userId: 'user-42', traits: { email: 'ada@example.test' } });
  // the end user's address (truncated) and browser, not the backend's
  for (const r of rows) expect([r.ip, r.browser]).toEqual(['203.0.113.0', 'Chrome']);
});
