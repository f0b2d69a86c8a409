// The demo store in real Chromium against the real collector (built CLI, SQLite): a visitor arrives from
// an ad, browses, signs up, checks out, opens support and rates the purchase. The collector must hold
// exactly those touchpoints, in order, with their stages and the ad's campaign attributed.
import { DEFAULT_STAGES } from '@touchpoint/schema';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startStore } from '../../examples/store/server.mjs';
import { saveArtifacts, recordPage } from './support/artifacts';
import { launchChromium } from './support/chromium';
import { collectorProcess, eventually, freePort, type CollectorProcess } from './support/collector-process';

const SITE = 'demo-store';
let browser: Browser;
let collector: CollectorProcess;
let store: { url: string; close(): Promise<void> };
let page: Page | undefined;
const log: string[] = [];

beforeAll(async () => {
  const storePort = await freePort();
  const collectorPort = await freePort();
  collector = await collectorProcess({ site: SITE, origins: [`http://127.0.0.1:${storePort}`], port: collectorPort });
  store = await startStore({ port: storePort, collectorUrl: collector.url, site: SITE });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await store?.close();
  await collector?.stop();
});

afterEach(async (ctx) => {
  log.push('stored: ' + JSON.stringify(collector.stored().map((r) => r.name)));
  await saveArtifacts(`journey-${ctx.task.name.replace(/\W+/g, '-').slice(0, 60)}`, page, log);
});

it('the whole journey from an ad click to feedback arrives once, in order, staged and attributed', async () => {
  const ctx = await browser.newContext();
  page = await ctx.newPage();
  recordPage(page, log);
  const p = page;

  // Arrive from the Google ad on the product page: the sample ads page stands in for the search engine and
  // is not tagged, so the ad's URL is the visit's first page.
  await p.goto(`${store.url}/ads.html`);
  await p.click('#ad-trail-1');
  await p.waitForURL('**/product/trail-runner.html?utm_source=google**');
  await p.waitForFunction(() => typeof (window as any).touchpoint?.tag === 'function');
  // Browse, then sign up.
  await p.click('text=Shoes');
  await p.waitForURL('**/category.html');
  await p.click('nav >> text=Sign up');
  await p.waitForURL('**/signup.html');
  await p.fill('#email', 'ada@example.com');
  await p.fill('#password', 'correct horse');
  await p.click('#signup button[type=submit]');
  await p.waitForURL('**/welcome.html**');
  // Back to the product, buy it: begin checkout, shipping, payment, purchase.
  await p.click('text=Find your next trail shoes');
  await p.click('text=Trail Runner GTX');
  await p.waitForURL('**/product/trail-runner.html');
  await p.click('#buy');
  await p.waitForURL('**/checkout/shipping.html');
  await p.click('#shipping button[type=submit]');
  await p.waitForURL('**/checkout/payment.html');
  await p.click('#payment button[type=submit]');
  await p.waitForURL('**/checkout/confirmation.html');
  await p.waitForSelector('[data-nps="9"]');
  // After the purchase: open support, then rate us 9.
  await p.click('.support');
  await p.click('[data-nps="9"]');
  await p.evaluate(() => (window as any).touchpoint.flush());

  const expected = [
    'page_view', 'page_view', 'page_view', 'sign_up', 'page_view', 'page_view', 'page_view',
    'page_view', 'begin_checkout', 'add_shipping_info', 'page_view', 'add_payment_info', 'page_view', 'purchase', 'support_open', 'feedback',
  ];
  const names = () => collector.stored().map((r) => r.name).filter((n) => n !== 'ad_landing');
  await eventually(() => names().length >= expected.length, 30_000, () => JSON.stringify(names()));
  await new Promise((r) => setTimeout(r, 1500)); // anything sent twice would have arrived by now
  const rows = collector.stored();
  log.push(...rows.map((r) => `${r.ts} ${r.name} ${r.data.page?.path ?? ''}`));

  // Exactly one ad landing, on the product page the ad pointed to, carrying the campaign.
  const landings = rows.filter((r) => r.name === 'ad_landing');
  expect(landings).toHaveLength(1);
  expect(landings[0]!.data.campaign).toMatchObject({ source: 'google', medium: 'cpc', campaign: 'trail-running-shoes', clickIdParam: 'gclid', clickId: 'demo-gclid-1' });
  expect(landings[0]!.data.properties).toMatchObject({ path: '/product/trail-runner.html', is_home: false, is_form: false, h1: 'Trail Runner GTX trail running shoes' });

  // The visit starts on the ad's landing page: its first touchpoints are that page's, carrying the ad's URL.
  expect(rows.slice(0, 2).map((r) => [r.name, r.data.page?.path]).sort()).toEqual([['ad_landing', '/product/trail-runner.html'], ['page_view', '/product/trail-runner.html']]);
  expect(rows[0]!.data.page?.url).toContain('utm_campaign=trail-running-shoes');

  // The journey in order (ts order as stored), no touchpoint doubled or missing.
  expect(rows.filter((r) => r.name !== 'ad_landing').map((r) => r.name)).toEqual(expected);
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  expect(rows.filter((r) => r.name === 'page_view').map((r) => r.data.page?.path)).toEqual([
    '/product/trail-runner.html', '/category.html', '/signup.html', '/welcome.html', '/category.html', '/product/trail-runner.html',
    '/checkout/shipping.html', '/checkout/payment.html', '/checkout/confirmation.html',
  ]);

  // Stages: each built-in touchpoint has its default stage in both models.
  for (const r of rows) expect({ name: r.name, phase: r.phase, p5: r.p5 }).toEqual({ name: r.name, ...DEFAULT_STAGES[r.name] });

  // The ad's campaign is attributed to the sign-up and every checkout step, purchase included.
  for (const name of ['sign_up', 'begin_checkout', 'add_shipping_info', 'add_payment_info', 'purchase']) {
    const r = rows.find((x) => x.name === name)!;
    expect(r.data.attribution?.first, name).toMatchObject({ campaign: 'trail-running-shoes', source: 'google' });
    expect(r.data.attribution?.last, name).toMatchObject({ campaign: 'trail-running-shoes' });
  }
  const purchase = rows.find((r) => r.name === 'purchase')!;
  expect(purchase.data.properties).toMatchObject({ step: 'purchase', step_number: 4, value: 129, currency: 'EUR' });
  expect(rows.find((r) => r.name === 'feedback')!.data.properties).toMatchObject({ score: 9, scale: 'nps', touchpoint: 'purchase' });
  expect(rows.find((r) => r.name === 'support_open')!.data.properties).toMatchObject({ widget: 'demo-chat' });
  // One visitor, one session; the e-mail typed into the form never reached a URL.
  expect(new Set(rows.map((r) => r.data.anonymousId)).size).toBe(1);
  expect(new Set(rows.map((r) => r.data.sessionId)).size).toBe(1);
  expect(JSON.stringify(rows)).not.toContain('ada@example.com');
  await ctx.close();
});
