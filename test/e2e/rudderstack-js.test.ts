// RudderStack's real JavaScript SDK v3 (@rudderstack/analytics-js, its "bundled" UMD build) in Chromium,
// pointed at the Touchpoint collector as its data plane: a site moving off RudderStack keeps its tracking
// code and changes the data plane URL. The source config comes from the `getSourceConfig` load option,
// so nothing is fetched from RudderStack's config API or CDN — the test checks no request leaves
// 127.0.0.1. Three delivery modes (one request per event, the batching queue, sendBeacon), each also
// through a collector that fails its first requests with a 500 and its own 503 (flakyCollector).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { flakyCollector, type FlakyCollector, type Fault, type SeenRequest, type StoredTouchpoint } from '../../packages/collector/src/flaky-collector.fixture';
import { FIXTURES, serveStatic, type StaticServer } from './support/static-server';

const SITE = 'rsa-shop';
const WRITE_KEY = 'wk_rsa_e2e_1';
// dist/npm/modern/bundled/umd: the SDK with its plugins built in (the default build loads them from RudderStack's CDN)
const RSA_BUNDLED_UMD = join(dirname(createRequire(import.meta.url).resolve('@rudderstack/analytics-js/bundled')), '../umd');
const UTM = { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring' };

type Mode = 'standard' | 'batching' | 'beacon';
/** One message as the SDK put it on the wire (the fields the test compares). */
interface SentMessage {
  messageId: string;
  type: string;
  event?: string;
  userId?: string;
  anonymousId: string;
  previousId?: string;
  originalTimestamp: string;
  context: { sessionId?: number; campaign?: Record<string, string> };
}
/** What the page did: the calls' time window and the SDK's anonymous id. */
interface Visit {
  calls: Record<string, { before: number; after: number }>;
  anonymousId: string;
}

let browser: Browser;
let site: StaticServer;
let collector: FlakyCollector | undefined;
let page: Page | undefined;

beforeAll(async () => {
  site = await serveStatic({ '/': FIXTURES, '/rsa/': RSA_BUNDLED_UMD });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

afterEach(async () => {
  await page?.context().close();
  await collector?.close();
  page = collector = undefined;
});

/** Opens the fixture (fresh browser context: no queue or ids left by another test) recording every request URL and what the SDK sent. */
async function open(mode: Mode, faults: Fault[], writeKey = WRITE_KEY) {
  collector = await flakyCollector({ sites: [{ id: SITE, origins: [site.url], writeKey: WRITE_KEY }], faults });
  page = await (await browser.newContext()).newPage();
  const urls: string[] = [];
  const xhrBodies: string[] = [];
  page.on('request', (r) => {
    urls.push(r.url());
    if (r.method() === 'POST' && r.url().startsWith(collector!.url) && r.postData()) xhrBodies.push(r.postData()!);
  });
  // sendBeacon bodies are Blobs the browser does not show to request listeners: note each one, then send it unchanged.
  await page.addInitScript(() => {
    const w = window as unknown as { beaconBodies: Promise<string>[] };
    w.beaconBodies = [];
    const send = navigator.sendBeacon.bind(navigator);
    navigator.sendBeacon = (url, data) => {
      if (data instanceof Blob) w.beaconBodies.push(data.text());
      return send(url, data);
    };
  });
  await page.goto(`${site.url}/rudderstack-js.html?${new URLSearchParams({ mode, writeKey, dataPlaneUrl: collector.url, ...UTM })}`);
  const sent = async (): Promise<Map<string, SentMessage>> => {
    const beaconBodies = await page!.evaluate(() => Promise.all((window as unknown as { beaconBodies: Promise<string>[] }).beaconBodies));
    const byId = new Map<string, SentMessage>();
    for (const body of [...xhrBodies, ...beaconBodies]) {
      const parsed = JSON.parse(body) as SentMessage | { batch: SentMessage[] };
      for (const m of 'batch' in parsed ? parsed.batch : [parsed]) {
        // a retry re-sends the same message: same id, same original timestamp
        if (byId.has(m.messageId)) expect(byId.get(m.messageId)!.originalTimestamp).toBe(m.originalTimestamp);
        byId.set(m.messageId, m);
      }
    }
    return byId;
  };
  return { page, collector, urls, sent };
}

/** The calls of one visit, each timed: page, a product view, identify, the purchase, alias. */
async function visit(p: Page, only?: string[]): Promise<Visit> {
  return p.evaluate(async (only) => {
    type Call = (...args: unknown[]) => void;
    const w = window as unknown as { rudderanalytics: { page: Call; track: Call; identify: Call; alias: Call; getAnonymousId(): string }; rudderReady: Promise<void> };
    await w.rudderReady;
    const ra = w.rudderanalytics;
    const steps: Record<string, () => unknown> = {
      page: () => ra.page(),
      productViewed: () => ra.track('Product Viewed', { product_id: 'trail-gtx', price: 129 }),
      identify: () => ra.identify('user-7', { plan: 'pro' }),
      orderCompleted: () => ra.track('Order Completed', { order_id: 'A-1001', revenue: 129, currency: 'EUR', products: [{ product_id: 'trail-gtx', quantity: 1 }] }),
      alias: () => ra.alias('user-7-merged'),
    };
    const calls: Record<string, { before: number; after: number }> = {};
    for (const [name, call] of Object.entries(steps)) {
      if (only && !only.includes(name)) continue;
      const before = Date.now();
      call();
      calls[name] = { before, after: Date.now() };
      await new Promise((r) => setTimeout(r, 5)); // distinct original timestamps, in call order
    }
    return { calls, anonymousId: ra.getAnonymousId() };
  }, only);
}

async function storedWhen(c: FlakyCollector, n: number, describe: () => string): Promise<StoredTouchpoint[]> {
  const end = Date.now() + 20_000;
  while (Date.now() < end) {
    if ((await c.stored()).length >= n) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await new Promise((r) => setTimeout(r, 1500)); // nothing more (no duplicate, no late retry) arrives
  const rows = await c.stored();
  if (rows.length < n) throw new Error(`timed out: ${rows.length} of ${n} stored; ${describe()}`);
  return rows;
}

const STEP_OF_ROW: Record<string, string> = { page_view: 'page', product_viewed: 'productViewed', identify: 'identify', purchase: 'orderCompleted', alias: 'alias' };

/** Each stored row is one sent message, mapped right: ids, user, campaign, timestamps, names. */
function expectMapped(rows: StoredTouchpoint[], sent: Map<string, SentMessage>, v: Visit) {
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  for (const row of rows) {
    const msg = sent.get(row.id);
    expect(msg, `stored ${row.name} ${row.id} was sent by the SDK`).toBeDefined();
    const call = v.calls[STEP_OF_ROW[row.name]!]!;
    expect(call, `${row.name} was called`).toBeDefined();
    // the SDK stamps the call time; the collector keeps it (skew-corrected by receivedAt − sentAt, ~0 on one machine)
    const original = Date.parse(msg!.originalTimestamp);
    expect(original).toBeGreaterThanOrEqual(call.before);
    expect(original).toBeLessThanOrEqual(call.after + 50);
    expect(Math.abs(row.ts - original)).toBeLessThan(1000);
    expect(row.anonymousId).toBe(v.anonymousId);
    expect(row.anonymousId).toBe(msg!.anonymousId);
    expect(row.userId).toBe(msg!.userId || null);
    expect(row.sessionId).toBe(String(msg!.context.sessionId));
    expect([row.utmSource, row.utmMedium, row.utmCampaign]).toEqual(['google', 'cpc', 'spring']);
    expect(row.data.campaign).toEqual({ source: 'google', medium: 'cpc', campaign: 'spring' });
    expect(row.channel).toBe('paid_search');
    expect(row.path).toBe('/rudderstack-js.html');
    expect(row.referrer).toBeNull(); // RudderStack's "$direct"
    expect(row.data.sdk).toEqual({ name: 'RudderLabs JavaScript SDK', version: '3.34.1' });
  }
  const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
  if (byName.page_view) expect(byName.page_view.title).toBe('Trail Runner GTX');
  if (byName.product_viewed) {
    expect(byName.product_viewed.userId).toBeNull();
    expect(byName.product_viewed.data.properties).toMatchObject({ product_id: 'trail-gtx', segmentEvent: 'Product Viewed' });
  }
  if (byName.identify) {
    expect(byName.identify.userId).toBe('user-7');
    expect(byName.identify.data.traits).toEqual({ plan: 'pro' });
  }
  if (byName.purchase) {
    expect(byName.purchase.userId).toBe('user-7');
    expect(byName.purchase.data.properties).toMatchObject({ order_id: 'A-1001', revenue: 129, currency: 'EUR', segmentEvent: 'Order Completed' });
    expect([byName.purchase.phase, byName.purchase.p5]).toEqual(['during', 'prime']);
  }
  if (byName.alias) {
    expect(byName.alias.userId).toBe('user-7-merged');
    expect(byName.alias.data.properties).toMatchObject({ previousId: 'user-7' });
  }
}

const ALL_ROWS = ['alias', 'identify', 'page_view', 'product_viewed', 'purchase'];
const onlyLoopback = (urls: string[]) => expect(urls.filter((u) => new URL(u).hostname !== '127.0.0.1')).toEqual([]);
const posts = (seen: SeenRequest[]) => seen.filter((s) => s.method === 'POST');

describe.each([
  { mode: 'standard' as const, paths: ['/v1/alias', '/v1/identify', '/v1/page', '/v1/track'] },
  { mode: 'batching' as const, paths: ['/v1/batch'] },
])('RudderStack JS v3, $mode mode', ({ mode, paths }) => {
  it('stores every call once, mapped onto touchpoints', async () => {
    const { page, collector, urls, sent } = await open(mode, []);
    const v = await visit(page);
    const rows = await storedWhen(collector, 5, () => JSON.stringify(collector.seen.map((s) => [s.method, s.path, s.status])));
    expect(rows.map((r) => r.name).sort()).toEqual(ALL_ROWS);
    expectMapped(rows, await sent(), v);
    expect([...new Set(posts(collector.seen).map((s) => s.path))].sort()).toEqual(paths);
    expect(posts(collector.seen).every((s) => s.status === 200 && s.headers.authorization === `Basic ${btoa(`${WRITE_KEY}:`)}`)).toBe(true);
    if (mode === 'standard') expect(posts(collector.seen)).toHaveLength(5);
    onlyLoopback(urls);
  });

  it('retries through a 500 and a 503: every call stored once, the retries carry its Rsa-Retry-* headers', async () => {
    const { page, collector, urls, sent } = await open(mode, [500, 503]);
    const v = await visit(page);
    const rows = await storedWhen(collector, 5, () => JSON.stringify(collector.seen.map((s) => [s.method, s.path, s.status, s.headers['rsa-retry-attempt']])));
    expect(rows.map((r) => r.name).sort()).toEqual(ALL_ROWS);
    expectMapped(rows, await sent(), v);
    const all = posts(collector.seen);
    expect(all.filter((s) => s.status !== 200).map((s) => s.status).sort()).toEqual([500, 503]);
    const retries = all.filter((s) => s.headers['rsa-retry-attempt'] !== undefined);
    // standard: each of the two failed requests retried once; batching: the one batch retried twice
    expect(retries.map((s) => s.headers['rsa-retry-attempt']).sort()).toEqual(mode === 'standard' ? ['1', '1'] : ['1', '2']);
    // 3.34.1 computes `server-500` etc. but does not copy it into the in-progress entry it reads the
    // header from, so its retries all say `client-network`; either form is a retry reason.
    for (const r of retries) expect(r.headers['rsa-retry-reason']).toMatch(/^(client-network|server-5\d\d)$/);
    for (const r of retries) {
      expect(Number(r.headers['rsa-since-first-attempt'])).toBeGreaterThan(0);
      // the extra headers need a fresh preflight, which the collector allows
      const preflights = collector.seen.filter((s) => s.method === 'OPTIONS' && s.path === r.path && String(s.headers['access-control-request-headers']).includes('rsa-retry-attempt'));
      expect(preflights.length).toBeGreaterThan(0);
      expect(preflights.every((s) => s.status === 204)).toBe(true);
    }
    // the 503 is the collector's own (store write failed), not a proxy's
    expect(all.filter((s) => s.status === 503)).toHaveLength(1);
    onlyLoopback(urls);
  });
});

describe('RudderStack JS v3, beacon mode (useBeacon: true → POST /beacon/v1/batch?writeKey=…)', () => {
  it('stores every call once from the beacon batches, mapped onto touchpoints', async () => {
    const { page, collector, urls, sent } = await open('beacon', []);
    const v = await visit(page);
    const rows = await storedWhen(collector, 5, () => JSON.stringify(collector.seen.map((s) => [s.method, s.path, s.status])));
    expect(rows.map((r) => r.name).sort()).toEqual(ALL_ROWS);
    expectMapped(rows, await sent(), v);
    const beacons = posts(collector.seen);
    expect(beacons.length).toBeGreaterThan(0);
    expect(beacons.every((s) => s.path === '/beacon/v1/batch' && s.status === 200 && s.headers.authorization === undefined)).toBe(true);
    onlyLoopback(urls);
  });

  // sendBeacon hands the request to the browser and never sees the answer, so the SDK's beacon queue has
  // no retry by design: a batch meeting a 500 or 503 is lost. What it does do: it keeps sending the next
  // batches, which are stored once each, mapped as usual, and no request is ever re-sent.
  it('through a 500 and a 503: those two beacon batches are lost (no retry by design), the next one is stored once', async () => {
    const { page, collector, urls, sent } = await open('beacon', [500, 503]);
    const beaconPosts = () => posts(collector.seen).length;
    const v: Visit = { calls: {}, anonymousId: '' };
    for (const [i, group] of [['page', 'productViewed'], ['identify'], ['orderCompleted', 'alias']].entries()) {
      const part = await visit(page, group);
      Object.assign(v.calls, part.calls);
      v.anonymousId = part.anonymousId;
      // one beacon per group: wait for it before the next group, so the faults meet the first two
      const end = Date.now() + 10_000;
      while (beaconPosts() < i + 1 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    }
    const rows = await storedWhen(collector, 2, () => JSON.stringify(collector.seen.map((s) => [s.method, s.path, s.status])));
    expect(posts(collector.seen).map((s) => [s.path, s.status])).toEqual([
      ['/beacon/v1/batch', 500],
      ['/beacon/v1/batch', 503],
      ['/beacon/v1/batch', 200],
    ]);
    expect(posts(collector.seen).every((s) => s.headers['rsa-retry-attempt'] === undefined)).toBe(true);
    expect(rows.map((r) => r.name).sort()).toEqual(['alias', 'purchase']);
    expectMapped(rows, await sent(), v);
    // all five were handed to sendBeacon
    expect([...(await sent()).values()].map((m) => m.event ?? m.type).sort()).toEqual(['Order Completed', 'Product Viewed', 'alias', 'identify', 'page']);
    onlyLoopback(urls);
  });
});
