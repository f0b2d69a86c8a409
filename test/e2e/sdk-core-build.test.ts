// The core script-tag build (dist/touchpoint.core.min.js) in real Chromium: envelope, written before sent,
// page-leave beacon, consent, and what it leaves out (automatic touchpoints, typed helpers, Segment).
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { queuedInPage, sdkHarness, type SdkHarness } from './support/sdk-page';

const SDK_VERSION: string = JSON.parse(readFileSync(new URL('../../packages/sdk/package.json', import.meta.url), 'utf8')).version;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let h: SdkHarness;
let ctx: BrowserContext;
beforeAll(async () => (h = await sdkHarness()));
afterAll(() => h?.close());
// A fresh context per test: its own IndexedDB queue and localStorage ids.
beforeEach(async () => {
  Object.assign(h.collector, { status: 200, delay: 0 });
  h.collector.requests.length = 0;
  ctx = await h.browser.newContext();
});
afterEach(() => ctx?.close());

/** Calls the page's global as a function, `touchpoint(method, ...args)`, awaiting what it returns. */
const tp = (page: Page, method: string, ...args: unknown[]) =>
  page.evaluate(([m, a]) => (window as any).touchpoint(m, ...(a as unknown[])), [method, args] as const);

const fixture = async (params: Record<string, string | number> = {}, referer?: string) => {
  const page = await ctx.newPage();
  await page.goto(h.fixture('sdk-core.html', params), { referer });
  return page;
};

const posts = () => h.collector.requests.filter((r) => r.method == 'POST');

it('sends a tagged touchpoint once, with the full envelope and stripped URLs', async () => {
  const col = h.collector;
  const page = await fixture(
    { email: 'leak@example.com', utm_source: 'news', keep_me: 'yes', gclid: 'abc', token: 'secret' },
    `${h.site.url}/from.html?session=s3cret&utm_medium=cpc#top`,
  );
  const before = await page.evaluate(() => Date.now());
  await page.evaluate(() => {
    const t = (window as any).touchpoint;
    t.tag('custom_name', { plan: 'pro', n: 1, nested: { a: [1, null] } });
    t.tag('purchase', { value: 59.9 }); // built-in name: the schema's stage
    t.tag('wishlist_add'); // custom name with the fixture's stage override
  });
  const after = await page.evaluate(() => Date.now());
  await col.waitFor((c) => c.events().length >= 3);
  const { aid, sid } = await page.evaluate(() => ({ aid: localStorage.getItem('tp:aid'), sid: localStorage.getItem('tp:sid') }));

  expect(posts()).toHaveLength(1); // one batch, sent once
  const [req] = posts();
  expect(req!.contentType).toBe('text/plain'); // fetch with the SDK's own header (a beacon adds a charset)
  const { sentAt, events, ...batch } = req!.json!;
  expect(batch).toStrictEqual({ site: 'e2e-core' });
  const [custom, purchase, wish] = events;
  expect(events.map((e) => e.name)).toEqual(['custom_name', 'purchase', 'wishlist_add']);

  const { id, ts, ...rest } = custom!;
  expect(id).toMatch(UUID_V7);
  expect(parseInt(id.replace('-', '').slice(0, 12), 16)).toBe(ts); // UUIDv7 carries the touchpoint's time
  expect(ts).toBeGreaterThanOrEqual(before);
  expect(ts).toBeLessThanOrEqual(after);
  expect(sentAt).toBeGreaterThanOrEqual(ts);
  expect(sentAt).toBeLessThanOrEqual(Date.now());
  expect(aid).toMatch(UUID_V7);
  expect(sid).toMatch(/^[0-9a-f-]{36}\.\d+$/);
  expect(rest).toStrictEqual({
    name: 'custom_name',
    anonymousId: aid,
    sessionId: sid!.split('.')[0],
    page: {
      url: `${h.site.url}/sdk-core.html?utm_source=news&keep_me=yes&gclid=abc`,
      path: '/sdk-core.html',
      title: 'Core build fixture',
      referrer: `${h.site.url}/from.html?utm_medium=cpc`,
    },
    properties: { plan: 'pro', n: 1, nested: { a: [1, null] } },
    sdk: { name: '@touchpoint/sdk', version: SDK_VERSION },
  }); // no stage: custom names without an override are outside the journey map
  expect(purchase!.stage).toStrictEqual({ phase: 'during', p5: 'prime' });
  expect(wish!.stage).toStrictEqual({ phase: 'before', p5: 'pivotal' });
  for (const e of [purchase!, wish!]) expect([e.anonymousId, e.sessionId, e.page]).toStrictEqual([rest.anonymousId, rest.sessionId, rest.page]);
  expect(new Set(events.map((e) => e.id)).size).toBe(3);
  await expect.poll(() => queuedInPage(page)).toEqual([]); // acknowledged: removed
  expect(posts()).toHaveLength(1);
});

it('writes the touchpoint to IndexedDB before sending, keeps it while the collector is down, removes it once delivered', async () => {
  const col = h.collector;
  col.status = 503;
  col.delay = 500; // the first answer is held back: the queue is inspected while the request is in flight
  const page = await fixture();
  await tp(page, 'tag', 'stored_first', { n: 7 });
  await col.waitFor((c) => c.requests.length >= 1, 5000);
  const queued = await queuedInPage(page);
  expect(queued).toEqual([{ id: expect.stringMatching(UUID_V7), name: 'stored_first' }]);
  const id = queued[0]!.id;
  expect(posts()[0]!.json!.events.map((e) => e.id)).toEqual([id]);

  col.delay = 0;
  await col.waitFor((c) => c.requests.filter((r) => r.status == 503).length >= 3, 5000); // retried with backoff
  expect(await queuedInPage(page)).toEqual(queued);
  expect(col.events()).toEqual([]);

  col.status = 200;
  await col.waitFor((c) => c.events().length >= 1, 5000);
  expect(col.events().map((e) => [e.id, e.name, e.properties])).toEqual([[id, 'stored_first', { n: 7 }]]);
  await expect.poll(() => queuedInPage(page)).toEqual([]);
  expect(posts().every((r) => r.json!.events.length == 1 && r.json!.events[0]!.id == id)).toBe(true); // only retries of it
});

it('on leaving (navigation, tab close) sends pending touchpoints by sendBeacon as text/plain', async () => {
  const col = h.collector;
  const page = await fixture({ interval: 600_000 }); // nothing is sent until the page goes away
  await tp(page, 'tag', 'leave_one', { n: 1 });
  await tp(page, 'tag', 'leave_two');
  await expect.poll(async () => (await queuedInPage(page)).map((e) => e.name)).toEqual(['leave_one', 'leave_two']);
  expect(col.requests).toEqual([]);

  await page.goto('about:blank'); // pagehide
  await col.waitFor((c) => c.events().length >= 2, 5000);
  expect(posts()).toHaveLength(1); // visibilitychange and pagehide both fire: one beacon
  // sendBeacon with a string body: Chromium's `text/plain;charset=UTF-8`; the SDK's fetch (also the
  // keepalive fallback) sends exactly `text/plain`, so this tells the beacon apart.
  expect(posts()[0]!.contentType).toBe('text/plain;charset=UTF-8');
  expect(col.events().map((e) => [e.name, e.properties])).toEqual([['leave_one', { n: 1 }], ['leave_two', undefined]]);
  expect(col.requests.filter((r) => r.method == 'OPTIONS')).toEqual([]);

  // Closing the tab: only this tab's own unacknowledged touchpoint goes (the earlier two wait in the queue).
  const next = await fixture({ interval: 600_000 });
  await tp(next, 'tag', 'closing');
  await expect.poll(async () => (await queuedInPage(next)).map((e) => e.name)).toContain('closing');
  await next.close({ runBeforeUnload: true });
  await col.waitFor((c) => c.events().length >= 3, 5000);
  expect(posts().map((r) => r.json!.events.map((e) => e.name))).toEqual([['leave_one', 'leave_two'], ['closing']]);
  expect(posts()[1]!.contentType).toBe('text/plain;charset=UTF-8');
});

it("consent 'pending' keeps touchpoints on the device until 'granted'", async () => {
  const col = h.collector;
  const page = await fixture({ consent: 'pending' });
  await tp(page, 'tag', 'while_pending');
  await expect.poll(async () => (await queuedInPage(page)).map((e) => e.name)).toEqual(['while_pending']);
  await tp(page, 'flush'); // resolves after a flush that may not send
  expect(col.requests).toEqual([]);
  const { id } = (await queuedInPage(page))[0]!;

  await tp(page, 'consent', 'granted');
  await col.waitFor((c) => c.events().length >= 1, 5000);
  expect(col.events().map((e) => [e.id, e.name])).toEqual([[id, 'while_pending']]);
  await expect.poll(() => queuedInPage(page)).toEqual([]);
});

it("consent 'denied' clears the queue and the visitor's ids, and drops new touchpoints", async () => {
  const col = h.collector;
  const page = await fixture({ consent: 'pending' });
  await tp(page, 'tag', 'before_deny', { n: 1 });
  await tp(page, 'tag', 'before_deny', { n: 2 });
  await expect.poll(async () => (await queuedInPage(page)).length).toBe(2);
  const aid = await page.evaluate(() => localStorage.getItem('tp:aid'));
  expect(aid).toMatch(UUID_V7);

  await tp(page, 'consent', 'denied');
  await expect.poll(() => queuedInPage(page)).toEqual([]);
  expect(await page.evaluate(() => ['tp:aid', 'tp:sid'].map((k) => localStorage.getItem(k)))).toEqual([null, null]);
  await tp(page, 'tag', 'after_deny');
  await tp(page, 'flush');
  expect(await queuedInPage(page)).toEqual([]);
  expect(col.requests).toEqual([]);

  // Granted again: only what is tagged from now on goes, under a new anonymous id.
  await tp(page, 'consent', 'granted');
  await tp(page, 'tag', 'after_grant');
  await col.waitFor((c) => c.events().length >= 1, 5000);
  await tp(page, 'flush');
  expect(col.events().map((e) => e.name)).toEqual(['after_grant']);
  expect(col.events()[0]!.anonymousId).toMatch(UUID_V7);
  expect(col.events()[0]!.anonymousId).not.toBe(aid);
});

it('tags nothing by itself, and the full build’s helpers warn and send nothing', async () => {
  const col = h.collector;
  const warnings: string[] = [];
  const errors: string[] = [];
  ctx.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()));
  ctx.on('weberror', (e) => errors.push(String(e.error())));
  // UTM parameters and a click id: the full build would tag ad_landing and page_view on load
  const page = await fixture({ utm_source: 'google', utm_campaign: 'spring', gclid: 'g-1' });
  await page.click('#wish'); // declarative data-touchpoint: full build only
  const returned = await page.evaluate(() => {
    const t = (window as any).touchpoint;
    return [
      t.checkoutStep('begin', { value: 10, currency: 'EUR' }),
      t.adLanding({ source: 'newsletter', medium: 'email', campaign: 'spring' }),
      t.supportOpen('intercom'),
      t.feedback({ score: 9, scale: 'nps' }),
      t('checkoutStep', 'purchase', { value: 10, currency: 'EUR' }),
    ].map((r) => r === undefined);
  });
  expect(returned).toEqual([true, true, true, true, true]);
  await tp(page, 'tag', 'marker');
  await tp(page, 'flush');
  await col.waitFor((c) => c.events().length >= 1, 5000);
  // Everything queued before the marker would have gone with or before it.
  expect(col.events().map((e) => e.name)).toEqual(['marker']);
  expect(await queuedInPage(page)).toEqual([]);
  expect(warnings).toEqual(['checkoutStep', 'adLanding', 'supportOpen', 'feedback', 'checkoutStep'].map((m) => `touchpoint: E20 ${m}`));
  expect(errors).toEqual([]);

  // pageView and signUp are core methods: a page view only when the site calls it.
  await tp(page, 'pageView', { manual: true });
  await tp(page, 'flush');
  await col.waitFor((c) => c.events().length >= 2, 5000);
  const pv = col.events()[1]!;
  expect([pv.name, pv.properties, pv.stage]).toEqual(['page_view', { manual: true }, { phase: 'before', p5: 'first_touch' }]);
  expect(await page.evaluate(() => (window as any).touchpoint.pageViewId())).toBe(pv.id);
});

it("refuses format 'segment' at init with a TypeError, and replays earlier calls on the next valid init", async () => {
  const col = h.collector;
  const warnings: string[] = [];
  ctx.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()));
  const page = await fixture({ init: 0 });
  const refused = await page.evaluate(() => {
    const t = (window as any).touchpoint;
    t.tag('early_core', { n: 1 }); // before init: kept
    t.feedback({ score: 9, scale: 'nps' }); // before init: kept, warns when replayed
    try {
      t.init({ ...(window as any).coreConfig, format: 'segment' });
      return 'no error';
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
  });
  expect(refused).toBe('TypeError: touchpoint: E9 format');
  await page.evaluate(() => (window as any).touchpoint.init((window as any).coreConfig));
  await col.waitFor((c) => c.events().length >= 1, 5000);
  await tp(page, 'flush');
  expect(col.events().map((e) => [e.name, e.properties])).toEqual([['early_core', { n: 1 }]]);
  expect(warnings).toEqual(['touchpoint: E20 feedback']);
});
