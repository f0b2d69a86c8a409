// Segment's real analytics.js (@segment/analytics-next) in Chromium, sending to the real collector: a site
// moving off Segment keeps its tracking code and points `apiHost` at Touchpoint. The collector's Segment
// API is unit-tested by payload shape (packages/collector/src/segment); this pins it against the library
// itself — its short paths (/v1/p, /v1/t, /v1/i), text/plain bodies, write key in the body, CORS — and,
// through a collector that fails its first requests, its retries in both delivery modes: a retry carries
// `X-Retry-Count`, which needs a fresh preflight the collector must allow, or the event is lost.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { collectorProcess, eventually, type CollectorProcess } from './support/collector-process';
import { flakyCollector } from '../../packages/collector/src/flaky-collector.fixture';
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
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
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
  // nothing went to Segment: the lazy chunks came from the page's own host too (window.analytics._cdn)
  expect(urls.filter((u) => new URL(u).hostname !== '127.0.0.1')).toEqual([]);
  await page.close();
});

/** One POST analytics.js made, as the page saw it: the messages it carried and the answer. */
interface Post {
  path: string;
  /** the request's sentAt (standard: the message's; batching: the batch's), ms */
  sentAt: number;
  messages: Array<{ messageId: string; timestamp: string; userId?: string | null }>;
  status: number | 'failed';
  retryAfter?: string;
  exposed?: string;
}

/**
 * analytics.js in `query`'s delivery mode against a collector whose first two ingestion POSTs fail — a
 * 500, then its own 503 + Retry-After while the store write fails — making the calls of the first test.
 */
async function throughOutage(query: Record<string, string>) {
  const col = await flakyCollector({ sites: [{ id: SITE, origins: [site.url], writeKey: WRITE_KEY }], faults: [500, 503] });
  const context = await browser.newContext();
  try {
    const urls: string[] = [];
    context.on('request', (r) => urls.push(r.url()));
    const page = await context.newPage();
    const posts: Post[] = [];
    const record = (r: import('playwright-core').Request, status: Post['status'], headers: Record<string, string> = {}) => {
      if (r.method() !== 'POST' || !r.url().startsWith(col.url)) return;
      const body = JSON.parse(r.postData() ?? '{}');
      // standard: one message per POST; batching: { batch: [...] } to /v1/b
      posts.push({ path: new URL(r.url()).pathname, sentAt: Date.parse(body.sentAt), messages: body.batch ?? [body], status, retryAfter: headers['retry-after'], exposed: headers['access-control-expose-headers'] });
    };
    page.on('requestfinished', async (r) => {
      const res = await r.response();
      record(r, res?.status() ?? 'failed', res?.headers());
    });
    page.on('requestfailed', (r) => record(r, 'failed'));
    const apiHost = `127.0.0.1:${col.port}/v1`;
    await page.goto(`${site.url}/segment-analytics-js.html?${new URLSearchParams({ writeKey: WRITE_KEY, apiHost, utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring', ...query })}`);
    const { calls, anonymousId } = await page.evaluate(async () => {
      const ajs = (window as any).ajs;
      const calls: Record<string, [number, number]> = {};
      const call = async (name: string, f: () => Promise<unknown>) => {
        const before = Date.now();
        await f();
        calls[name] = [before, Date.now()];
      };
      await call('page_view', () => ajs.page());
      await call('begin_checkout', () => ajs.track('Checkout Started', { value: 129, currency: 'EUR' }));
      await call('identify', () => ajs.identify('user-7', { plan: 'pro' }));
      await call('purchase', () => ajs.track('Order Completed', { order_id: 'A-1001', revenue: 129, currency: 'EUR' }));
      await call('wishlist_shared', () => ajs.track('Wishlist Shared', { sku: 'trail-gtx' }));
      const [instance] = await ajs;
      return { calls, anonymousId: instance.user().anonymousId() as string };
    });
    const describe = () => JSON.stringify({ posts: posts.map((p) => [p.path, p.status, p.messages.length]), seen: col.seen.map((s) => [s.method, s.path, s.status, s.headers['x-retry-count'], s.headers['access-control-request-headers']]) });
    await expect
      .poll(async () => (await col.stored()).length, { timeout: 30_000 })
      .toBe(5)
      .catch((e: Error) => {
        throw new Error(`${e.message}: ${describe()}`);
      });
    await page.waitForTimeout(1_500); // nothing more (no duplicates, no retry of what was stored) arrives
    const rows = await col.stored();
    return { col, rows, posts, urls, calls, anonymousId, describe };
  } finally {
    await context.close();
    await col.close();
  }
}

/** What every outage test asserts, whichever the delivery mode. */
function expectDeliveredOnce({ col, rows, posts, urls, calls, anonymousId, describe }: Awaited<ReturnType<typeof throughOutage>>) {
  const why = describe();
  expect(rows.map((r) => r.name).sort(), why).toEqual(['begin_checkout', 'identify', 'page_view', 'purchase', 'wishlist_shared']);
  // The faults were met, as the page saw them: the 500, then the collector's own 503 with a Retry-After
  // the page may read.
  const failed = posts.filter((p) => p.status !== 200);
  expect(failed.map((p) => p.status), why).toEqual([500, 503]);
  expect(failed[1]!.retryAfter, why).toMatch(/^\d+$/);
  expect(failed[1]!.exposed, why).toMatch(/retry-after/i);
  // Exactly once: each message was in exactly one POST answered 200 (none re-sent after it was stored),
  // and that is the stored row.
  const delivered = posts.filter((p) => p.status === 200).flatMap((p) => p.messages.map((m) => m.messageId));
  expect(delivered.sort(), why).toEqual(rows.map((r) => r.id).sort());
  // The retries went through with their X-Retry-Count, and the preflights they needed were allowed.
  const seenPosts = col.seen.filter((s) => s.method === 'POST');
  const retries = seenPosts.filter((s) => s.headers['x-retry-count'] !== undefined);
  expect(retries.length, why).toBeGreaterThanOrEqual(2);
  expect(retries.some((s) => s.status === 200), why).toBe(true);
  expect(seenPosts.at(-1)!.status, why).toBe(200);
  const preflights = col.seen.filter((s) => s.method === 'OPTIONS');
  expect(preflights.filter((s) => /x-retry-count/i.test(String(s.headers['access-control-request-headers']))).length, why).toBeGreaterThanOrEqual(1);
  expect(preflights.map((s) => s.status), why).toEqual(preflights.map(() => 204));
  // Who, where from, when: one visitor (analytics.js's anonymous id), the user id from identify on,
  // the page's UTM campaign, and the time of the call — the message's own timestamp, corrected only by
  // the milliseconds between sentAt and arrival — never the time the retry arrived.
  const sentAt = new Map(posts.flatMap((p) => p.messages.map((m) => [m.messageId, Date.parse(m.timestamp)] as const)));
  const firstTry = new Map(posts.flatMap((p) => p.messages.map((m) => [m.messageId, m] as const)).reverse());
  const storedTry = new Map(posts.filter((p) => p.status === 200).flatMap((p) => p.messages.map((m) => [m.messageId, { ...m, sentAt: p.sentAt }] as const)));
  for (const r of rows) {
    expect(r.anonymousId, r.name).toBe(anonymousId);
    // analytics.js fills userId in each time it sends (normalize), so a call made before identify but
    // retried after it arrives with the user id: stored as delivered, and the first try had none.
    expect(r.userId, r.name).toBe(storedTry.get(r.id)!.userId ?? null);
    expect(firstTry.get(r.id)!.userId ?? null, r.name).toBe(['identify', 'purchase', 'wishlist_shared'].includes(r.name) ? 'user-7' : null);
    if (['identify', 'purchase', 'wishlist_shared'].includes(r.name)) expect(r.userId, r.name).toBe('user-7');
    expect([r.utmSource, r.utmMedium, r.utmCampaign], r.name).toEqual(['google', 'cpc', 'spring']);
    const [before, after] = calls[r.name]!;
    const stamped = sentAt.get(r.id)!;
    expect(stamped, r.name).toBeGreaterThanOrEqual(before);
    expect(stamped, r.name).toBeLessThanOrEqual(after);
    expect(Math.abs(r.ts - stamped), r.name).toBeLessThan(1_000);
    // exactly the skew correction of the try that was stored, whose sentAt is fresh (a retry's too)
    expect(r.ts, r.name).toBe(Math.round(stamped + (r.receivedAt - storedTry.get(r.id)!.sentAt)));
  }
  // Nothing left the machine: every request of the page went to 127.0.0.1.
  expect(urls.filter((u) => new URL(u).hostname !== '127.0.0.1')).toEqual([]);
}

it('analytics.js (standard delivery) through an outage: its retries carry X-Retry-Count, their preflights are allowed, every call stored once', async () => {
  const result = await throughOutage({});
  // standard delivery: one POST per call on the short paths
  expect(new Set(result.posts.map((p) => p.path))).toEqual(new Set(['/v1/p', '/v1/t', '/v1/i']));
  expect(result.posts.every((p) => p.messages.length === 1)).toBe(true);
  expectDeliveredOnce(result);
});

it('analytics.js (batching delivery) through an outage: batches retried with X-Retry-Count, every call stored once', async () => {
  const result = await throughOutage({ strategy: 'batching', size: '3', timeout: '300' });
  // batching delivery: every POST a batch on /v1/b
  expect(new Set(result.posts.map((p) => p.path))).toEqual(new Set(['/v1/b']));
  expect(result.posts.some((p) => p.messages.length > 1)).toBe(true);
  expectDeliveredOnce(result);
});
