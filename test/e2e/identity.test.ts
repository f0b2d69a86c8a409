// One customer on two devices, in real Chromium against the real collector (built CLI, SQLite): a
// shopper clicks the Google ad in one browser profile and identifies there (SDK identify()); later, in a
// second profile (another device: its own storage, its own anonymous id) they identify as the same user
// and buy. The reports must see one person, and credit the purchase to the ad's channel and campaign.
import { spawnSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startStore } from '../../examples/store/server.mjs';
import { recordPage, saveArtifacts } from './support/artifacts';
import { launchChromium } from './support/chromium';
import { CLI, collectorProcess, eventually, freePort, type CollectorProcess } from './support/collector-process';

const SITE = 'identity-store';
const USER = 'shopper-4711';
let browser: Browser;
let collector: CollectorProcess;
let store: { url: string; close(): Promise<void> };
let page: Page | undefined;
const log: string[] = [];

beforeAll(async () => {
  const storePort = await freePort();
  collector = await collectorProcess({ site: SITE, origins: [`http://127.0.0.1:${storePort}`] });
  store = await startStore({ port: storePort, collectorUrl: collector.url, site: SITE });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await store?.close();
  await collector?.stop();
});

afterEach(async (ctx) => {
  log.push('stored: ' + JSON.stringify(collector.stored().map((r) => `${r.name} ${r.data.anonymousId ?? ''} ${r.data.userId ?? ''}`)));
  await saveArtifacts(`identity-${ctx.task.name.replace(/\W+/g, '-').slice(0, 60)}`, page, log);
});

/** `touchpoint-collector report <kind> --format json` over the collector's database. */
function report(kind: string) {
  const r = spawnSync(process.execPath, [CLI, 'report', kind, '--db', collector.db, '--site', SITE, '--format', 'json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`report ${kind} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// Headless Chromium says so in its user agent, which the collector flags as a bot (kept out of reports):
// each profile presents the browser a shopper would have.
const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
const LAPTOP_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

async function openProfile(userAgent: string): Promise<[BrowserContext, Page]> {
  const ctx = await browser.newContext({ userAgent });
  const p = await ctx.newPage();
  recordPage(p, log);
  page = p;
  return [ctx, p];
}

const ready = (p: Page) => p.waitForFunction(() => typeof (window as any).touchpoint?.identify === 'function');

it('an ad click on one device and a purchase on another, identified as one user, are one person credited to the ad', async () => {
  // Device 1: the ad landing, then a login (identify).
  const [phone, p1] = await openProfile(PHONE_UA);
  // The demo's sample ads page stands in for the search engine (untagged): the ad's URL is the visit's first page.
  await p1.goto(`${store.url}/ads.html`);
  await p1.click('#ad-trail-1');
  await p1.waitForURL('**/product/trail-runner.html?utm_source=google**');
  await ready(p1);
  await p1.evaluate((u) => (window as any).touchpoint.identify(u), USER);
  await p1.evaluate(() => (window as any).touchpoint.flush());
  await eventually(() => collector.stored().some((r) => r.name === 'identify'), 20_000, () => 'no identify from device 1');
  await phone.close();

  // Device 2: straight to the shop (direct), log in as the same user, buy.
  const [laptop, p2] = await openProfile(LAPTOP_UA);
  await p2.goto(`${store.url}/`);
  await ready(p2);
  await p2.evaluate((u) => (window as any).touchpoint.identify(u), USER);
  await p2.click('text=Trail Runner GTX');
  await p2.waitForURL('**/product/trail-runner.html');
  await p2.click('#buy');
  await p2.waitForURL('**/checkout/shipping.html');
  await p2.click('#shipping button[type=submit]');
  await p2.waitForURL('**/checkout/payment.html');
  await p2.click('#payment button[type=submit]');
  await p2.waitForURL('**/checkout/confirmation.html');
  await p2.evaluate(() => (window as any).touchpoint.flush());
  await eventually(() => collector.stored().some((r) => r.name === 'purchase'), 30_000, () => JSON.stringify(collector.stored().map((r) => r.name)));
  await laptop.close();

  // Two browsers really: two anonymous ids, the landing on the first, the purchase on the second.
  const rows = collector.stored();
  const landing = rows.find((r) => r.name === 'ad_landing')!;
  const purchase = rows.find((r) => r.name === 'purchase')!;
  expect(landing.data.anonymousId).toBeTruthy();
  expect(purchase.data.anonymousId).toBeTruthy();
  expect(purchase.data.anonymousId).not.toBe(landing.data.anonymousId);
  expect(purchase.channel).toBe('direct');
  expect(rows.map((r) => r.isBot)).toEqual(rows.map(() => false));

  // One person, identified; first touch = the ad click on device 1, so the purchase counts under paid search.
  const journey = report('journey');
  expect([journey.visitors, journey.people, journey.identifiedPeople]).toEqual([1, 1, 1]);
  expect(journey.byChannel.map((c: { channel: string; visitors: number }) => [c.channel, c.visitors])).toEqual([['paid_search', 1]]);
  const prime = journey.byChannel[0].stages.p5.find((s: { stage: string }) => s.stage === 'prime');
  expect(prime.visitors).toBe(1);
  // And the ad's campaign gets the purchase made on the other device.
  const ads = report('ads');
  const row = ads.rows.find((r: { campaign: string }) => r.campaign === 'trail-running-shoes');
  expect([row.landings, row.purchases]).toEqual([1, 1]);
});
