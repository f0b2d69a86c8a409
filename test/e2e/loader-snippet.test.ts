// The async loader snippet in real Chromium: calls made before the SDK script has loaded are queued and
// replayed in order once it loads, and reach the real collector.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordPage, saveArtifacts } from './support/artifacts';
import { launchChromium } from './support/chromium';
import { collectorProcess, eventually, type CollectorProcess } from './support/collector-process';
import { FIXTURES, SDK_DIST } from './support/static-server';

const SITE = 'e2e-loader';
const SDK_DELAY_MS = 1200;
let browser: Browser;
let server: Server;
let origin: string;
let collector: CollectorProcess;
let page: Page | undefined;
const log: string[] = [];

beforeAll(async () => {
  // The fixture, and the SDK served only after a delay so the page's calls certainly come first.
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/slow-sdk/touchpoint.min.js') {
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(SDK_DIST, 'touchpoint.min.js'))), SDK_DELAY_MS);
    } else if (path === '/loader-snippet.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(readFileSync(join(FIXTURES, 'loader-snippet.html')));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  collector = await collectorProcess({ site: SITE, origins: [origin] });
  browser = await launchChromium();
});

afterAll(async () => {
  await saveArtifacts('loader-snippet', page, log);
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await collector?.stop();
});

it('calls made before the script loads arrive, in order, with identify applied in sequence', async () => {
  page = await browser.newPage();
  recordPage(page, log);
  await page.goto(`${origin}/loader-snippet.html?collector=${encodeURIComponent(collector.url)}&site=${SITE}`);
  expect(await page.evaluate(() => (window as any).loadedBeforeCalls)).toBe(false);
  await eventually(() => collector.stored().length >= 5, 20_000, () => JSON.stringify(collector.stored().map((r) => r.name)));
  await new Promise((r) => setTimeout(r, 800));
  const rows = collector.stored();
  log.push(...rows.map((r) => `${r.ts} ${r.name} ${r.data.userId ?? ''}`));
  expect(rows.map((r) => r.name)).toEqual(['early_one', 'identify', 'early_two', 'begin_checkout', 'early_three']);
  expect(rows.map((r) => r.data.userId ?? null)).toEqual([null, 'user-42', 'user-42', 'user-42', 'user-42']);
  expect(rows.find((r) => r.name === 'identify')!.data.traits).toEqual({ plan: 'pro' });
});
