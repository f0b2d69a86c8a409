// Zero loss under faults, in real Chromium against the real collector: each scenario tags numbered probe
// touchpoints and asserts that every one is stored exactly once (sent = stored, duplicates = 0).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { recordPage, saveArtifacts } from './support/artifacts';
import { launchChromium } from './support/chromium';
import { collectorProcess, eventually, type CollectorProcess } from './support/collector-process';
import { faultProxy, type FaultProxy } from './support/fault-proxy';
import { FIXTURES, SDK_DIST, serveStatic, type StaticServer } from './support/static-server';

const SITE = 'e2e-faults';
let browser: Browser;
let site: StaticServer;
let collector: CollectorProcess;
let proxy: FaultProxy;
let context: BrowserContext | undefined;
let lastPage: Page | undefined;
const log: string[] = [];

beforeAll(async () => {
  site = await serveStatic({ '/': FIXTURES, '/sdk/': SDK_DIST });
  collector = await collectorProcess({ site: SITE, origins: [site.url] });
  proxy = await faultProxy(collector.url);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await site?.close();
  await collector?.stop();
});

afterEach(async (ctx) => {
  await saveArtifacts(`faults-${ctx.task.name.replace(/\W+/g, '-').slice(0, 50)}`, lastPage, log);
  await context?.close();
  context = undefined;
  log.length = 0;
});

async function openPage(endpoint: string, ctx?: BrowserContext): Promise<Page> {
  context ??= await browser.newContext();
  const page = await (ctx ?? context).newPage();
  recordPage(page, log);
  lastPage = page;
  await page.goto(`${site.url}/delivery.html?collector=${encodeURIComponent(endpoint)}&site=${SITE}`);
  await page.waitForFunction(() => typeof (window as any).touchpoint?.tag === 'function');
  return page;
}

const probe = (page: Page, scenario: string, from: number, to: number) =>
  page.evaluate(([s, a, b]) => (window as any).probe(s, a, b), [scenario, from, to] as const);

/** Numbers stored for a scenario (with repeats, if any were stored twice). */
function stored(scenario: string): number[] {
  return collector
    .stored()
    .filter((r) => r.name === 'probe' && r.data.properties?.scenario === scenario)
    .map((r) => r.data.properties!.n as number)
    .sort((a, b) => a - b);
}

/** Waits until `count` probes of the scenario are stored, then checks there is each number exactly once. */
async function expectExactlyOnce(scenario: string, count: number, ms = 30_000): Promise<void> {
  await eventually(() => stored(scenario).length >= count, ms, () => `stored ${JSON.stringify(stored(scenario))}`);
  await new Promise((r) => setTimeout(r, 1000)); // a duplicate would have arrived by now
  log.push(`stored ${scenario}: ${JSON.stringify(stored(scenario))}`);
  expect(stored(scenario)).toEqual(Array.from({ length: count }, (_, i) => i));
}

it('collector down while the visitor browses, then back: everything arrives once', async () => {
  await collector.kill();
  const page = await openPage(collector.url);
  await probe(page, 'down', 0, 10);
  await page.reload(); // browsing on while the collector is down
  await page.waitForFunction(() => typeof (window as any).touchpoint?.tag === 'function');
  await probe(page, 'down', 10, 20);
  await new Promise((r) => setTimeout(r, 1500));
  expect(stored('down')).toEqual([]);
  await collector.start();
  await expectExactlyOnce('down', 20);
});

it('browser offline, then online: everything arrives once', async () => {
  const page = await openPage(collector.url);
  await context!.setOffline(true);
  await probe(page, 'offline', 0, 15);
  await new Promise((r) => setTimeout(r, 1500));
  expect(stored('offline')).toEqual([]);
  await context!.setOffline(false);
  await expectExactlyOnce('offline', 15);
});

it('the tab closed right after a tag: the touchpoints still arrive once', async () => {
  const page = await openPage(collector.url);
  await probe(page, 'closed', 0, 8);
  await page.close({ runBeforeUnload: true });
  await expectExactlyOnce('closed', 8);
});

it('a reload in the middle of a flush: nothing lost, nothing doubled', async () => {
  proxy.delay = 600; // the flush is still waiting for its answer when the page reloads
  const page = await openPage(proxy.url);
  await probe(page, 'reload', 0, 30);
  await new Promise((r) => setTimeout(r, 300));
  await page.reload();
  await page.waitForFunction(() => typeof (window as any).touchpoint?.tag === 'function');
  await probe(page, 'reload', 30, 40);
  proxy.delay = 0;
  await expectExactlyOnce('reload', 40);
});

it('two tabs of the site open at once: each touchpoint arrives once', async () => {
  proxy.delay = 150; // overlapping flushes
  const [a, b] = await Promise.all([openPage(proxy.url), openPage(proxy.url)]);
  await Promise.all([probe(a, 'tabs', 0, 25), probe(b, 'tabs', 25, 50)]);
  await expectExactlyOnce('tabs', 50);
  proxy.delay = 0;
});

it('the collector answering 500, then 429 with Retry-After, for a while: retried until stored, Retry-After honoured', async () => {
  proxy.log.length = 0;
  proxy.fault = { status: 500 };
  const page = await openPage(proxy.url);
  await probe(page, 'errors', 0, 12);
  await eventually(() => proxy.log.length >= 2, 10_000, () => JSON.stringify(proxy.log));
  proxy.fault = { status: 429, retryAfter: 2 };
  const first429 = await new Promise<number>((resolve) => {
    const start = proxy.log.length;
    const t = setInterval(() => {
      const hit = proxy.log.slice(start).find((l) => l.status === 429);
      if (hit) (clearInterval(t), resolve(hit.at));
    }, 50);
  });
  await new Promise((r) => setTimeout(r, 2600));
  proxy.fault = undefined;
  await expectExactlyOnce('errors', 12);
  // After a 429 with Retry-After: 2, the next attempt waits at least ~2 s.
  const next = proxy.log.find((l) => l.at > first429);
  expect(next, JSON.stringify(proxy.log)).toBeDefined();
  expect(next!.at - first429).toBeGreaterThanOrEqual(1900);
  expect(stored('errors')).toHaveLength(12);
});
