// The SDK's Segment variant (touchpoint.segment.min.js) through the real collector's Segment endpoint, in
// Chromium: each checkout step and the purchase go out as the Segment e-commerce spec's events and are
// stored as the touchpoints they were tagged as — the round trip the unit tests check on each side
// with the same fixtures (packages/schema/src/segment-ecommerce.fixture.ts).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROUND_TRIP } from '../../packages/schema/src/segment-ecommerce.fixture';
import { launchChromium } from './support/chromium';
import { collectorProcess, eventually, type CollectorProcess } from './support/collector-process';
import { FIXTURES, SDK_DIST, serveStatic, type StaticServer } from './support/static-server';

const SITE = 'seg-checkout';
const WRITE_KEY = 'wk_seg_checkout_1';

let browser: Browser;
let site: StaticServer;
let collector: CollectorProcess;

beforeAll(async () => {
  site = await serveStatic({ '/': FIXTURES, '/sdk/': SDK_DIST });
  collector = await collectorProcess({ site: SITE, origins: [site.url], args: ['--write-key', WRITE_KEY] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await collector?.stop();
  await site?.close();
});

it('checkout steps and the purchase go out as Segment e-commerce events and are stored as the touchpoints tagged', async () => {
  const page = await browser.newPage();
  const sent: Array<Record<string, unknown>> = [];
  page.on('request', (r) => {
    if (r.method() == 'POST' && r.url() == `${collector.url}/v1/batch`) sent.push(...(JSON.parse(r.postData() || '{}').batch ?? []));
  });
  await page.goto(`${site.url}/sdk-segment-checkout.html?${new URLSearchParams({ collector: `${collector.url}/v1/batch`, site: SITE, writeKey: WRITE_KEY })}`);
  await page.waitForFunction(() => typeof (window as unknown as { touchpoint?: { checkoutStep?: unknown } }).touchpoint?.checkoutStep == 'function');
  await page.evaluate((calls) => {
    const tp = (window as unknown as { touchpoint: { checkoutStep(step: string, props?: unknown): void } }).touchpoint;
    for (const [step, props] of calls) tp.checkoutStep(step, props);
  }, ROUND_TRIP.map((c) => c.call));

  const names = ROUND_TRIP.map((c) => c.touchpoint.name);
  const checkout = () => collector.stored().filter((r) => names.includes(r.name));
  await eventually(() => checkout().length >= ROUND_TRIP.length, 20_000, () => `stored: ${JSON.stringify(collector.stored().map((r) => r.name))}`);

  // On the wire: the spec's events and properties, as the fixtures say (Playwright reports the request
  // asynchronously, possibly after the collector has stored it).
  const wire = () => sent.filter((m) => m.type == 'track' && ROUND_TRIP.some((c) => c.segment.event == m.event));
  await eventually(() => wire().length >= ROUND_TRIP.length, 10_000, () => `sent: ${JSON.stringify(sent.map((m) => m.event ?? m.type))}`);
  expect(wire().map((m) => ({ event: m.event, properties: m.properties }))).toEqual(ROUND_TRIP.map((c) => c.segment));
  // Stored: the touchpoints as tagged, each once, with no trace of the detour.
  const rows = checkout();
  expect(rows.map((r) => ({ name: r.name, properties: r.data.properties }))).toEqual(ROUND_TRIP.map((c) => c.touchpoint));
  expect(rows.map((r) => r.id).sort()).toEqual(wire().map((m) => m.messageId).sort());
  const purchase = rows.find((r) => r.name == 'purchase')!;
  expect(purchase).toMatchObject({ phase: 'during', p5: 'prime' });
  expect(purchase.data.sdk).toMatchObject({ name: '@touchpoint/sdk' });
  await page.close();
});
