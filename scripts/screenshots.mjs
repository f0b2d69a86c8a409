// Makes the README's dashboard screenshots from the demo's data: the example store and the collector
// (built CLI, a fresh SQLite file), six shopper journeys driven in Chromium (four from the sample ads),
// the ad checks run, then the dashboard photographed at 1366 and 360 px in English and Spanish into
// docs/images/. Run on demand when the dashboard changes (`node scripts/build.mjs` first); tests never do.
//   node scripts/screenshots.mjs [--full]   (--full: whole pages instead of the first screenfuls)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { chromium } from 'playwright-core';
import { startStore } from '../examples/store/server.mjs';
import { ROOT } from './lib/sh.mjs';

const SITE = 'demo-store';
const TOKEN = 'screenshots-admin-token-0123456789';
const CLI = join(ROOT, 'packages/cli/dist/cli.js');
const OUT = join(ROOT, 'docs/images');
const CHROMIUM = process.env.TOUCHPOINT_CHROMIUM || '/usr/bin/chromium';
const SHOTS = [
  { width: 1366, height: 1500 },
  { width: 360, height: 2000 },
];
const full = process.argv.includes('--full');

if (!existsSync(CLI)) throw new Error('packages/cli/dist/cli.js is missing: run `node scripts/build.mjs` first');
if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it or set TOUCHPOINT_CHROMIUM`);

const freePort = () => new Promise((resolve, reject) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  }).on('error', reject);
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const dir = join(ROOT, '.tmp/screenshots');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
mkdirSync(OUT, { recursive: true });
const db = join(dir, 'demo.db');
const storePort = await freePort();
const collectorPort = await freePort();
const collectorUrl = `http://127.0.0.1:${collectorPort}`;

// The sample ads, their landing URLs moved to this run's store port.
const ads = join(dir, 'ads.csv');
writeFileSync(ads, readFileSync(join(ROOT, 'examples/store/ads.csv'), 'utf8').replaceAll('http://127.0.0.1:8080/', `http://127.0.0.1:${storePort}/`));
const imported = spawnSync(process.execPath, [CLI, 'import-catalogue', ads, '--site', SITE, '--db', db], { stdio: 'inherit' });
if (imported.status !== 0) process.exit(imported.status ?? 1);

const collector = spawn(process.execPath, [CLI, 'serve', '--port', String(collectorPort), '--host', '127.0.0.1', '--db', db, '--site', SITE,
  '--origin', `http://127.0.0.1:${storePort}`, '--admin-token', TOKEN, '--check-allow', '127.0.0.1', '--rate-limit', '0', '--log-level', 'warn'], { stdio: ['ignore', 'inherit', 'inherit'] });
const store = await startStore({ port: storePort, collectorUrl, site: SITE });
// Headless Chromium names itself in its user agent and the collector rightly files such visits under bots;
// the shoppers here stand for people, so the browser is started with the user agent of a desktop Chrome
// (a flag, not a per-page override: a page-leave beacon goes out with the browser's own user agent).
const probe = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
const major = probe.version().split('.')[0];
await probe.close();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu',
  `--user-agent=Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36`] });

async function api(path, init = {}) {
  const res = await fetch(`${collectorUrl}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, ...init.headers } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** One shopper in a fresh browser profile; `steps` drive the store page. */
async function shopper(steps) {
  const context = await browser.newContext();
  const p = await context.newPage();
  if (process.env.DEBUG) { p.on('console', (m) => console.log('[console]', m.text())); p.on('requestfailed', (r) => console.log('[failed]', r.url(), r.failure()?.errorText)); p.on('response', (r) => r.url().includes('/v1/') && console.log('[resp]', r.status(), r.url())); }
  await p.goto(`${store.url}/`);
  await steps(p);
  await p.waitForFunction(() => typeof window.touchpoint?.flush === 'function');
  await p.evaluate(() => window.touchpoint.flush());
  await sleep(300);
  await context.close();
}
const ad = async (p, id) => {
  await p.goto(`${store.url}${await p.getAttribute(`#${id}`, 'href')}`);
  await p.waitForFunction(() => typeof window.touchpoint?.tag === 'function');
};
const checkout = async (p, { pay = true } = {}) => {
  await p.click('#buy');
  await p.waitForURL('**/checkout/shipping.html');
  await p.click('#shipping button[type=submit]');
  await p.waitForURL('**/checkout/payment.html');
  if (!pay) return;
  await p.click('#payment button[type=submit]');
  await p.waitForURL('**/checkout/confirmation.html');
  await p.waitForSelector('[data-nps="9"]');
};
const signUp = async (p, email) => {
  await p.fill('#email', email);
  await p.fill('#password', 'correct horse');
  await p.click('#signup button[type=submit]');
  await p.waitForURL('**/welcome.html**');
};

try {
  // From the search ad: sign up, buy, open the help chat, rate 9.
  await shopper(async (p) => {
    await ad(p, 'ad-relevant');
    await p.click('nav >> text=Sign up');
    await p.waitForURL('**/signup.html');
    await signUp(p, 'ada@example.com');
    await p.goto(`${store.url}/product/trail-runner.html`);
    await checkout(p);
    await p.click('.support');
    await p.click('[data-nps="9"]');
  });
  // From the same ad: shipping filled in, then gone.
  await shopper(async (p) => {
    await ad(p, 'ad-relevant');
    await checkout(p, { pay: false });
  });
  // From the social ad to the home page: a look at the shoes, then gone.
  await shopper(async (p) => {
    await ad(p, 'ad-home');
    await p.click('text=Shoes');
    await p.waitForURL('**/category.html');
  });
  // From the boots ad straight onto the sign-up form: signs up.
  await shopper(async (p) => {
    await ad(p, 'ad-form');
    await signUp(p, 'grace@example.com');
  });
  // From the Spanish ad: buys and rates 6.
  await shopper(async (p) => {
    await ad(p, 'ad-es');
    await checkout(p);
    await p.click('[data-nps="6"]');
  });
  // Typed the address: buys, rates 10.
  await shopper(async (p) => {
    await p.goto(`${store.url}/product/trail-runner.html`);
    await checkout(p);
    await p.click('[data-nps="10"]');
  });
  // Every touchpoint stored (the writer batches), then the ad landings checked.
  for (let last = -1, i = 0; i < 40; i++) {
    const { touchpoints } = await api(`/api/reports/journey?site=${SITE}`);
    if (touchpoints === last && touchpoints > 0) break;
    last = touchpoints;
    await sleep(500);
  }
  await api(`/api/check-ads?site=${SITE}`, { method: 'POST' });

  for (const lang of ['en', 'es']) {
    for (const { width, height } of SHOTS) {
      const context = await browser.newContext({ locale: lang === 'es' ? 'es-ES' : 'en-US', viewport: { width, height }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto(`${collectorUrl}/dashboard?token=${TOKEN}&site=${SITE}`);
      await page.waitForFunction(() => /^(Updated|Actualizado)/.test(document.getElementById('status')?.textContent ?? ''));
      const file = join(OUT, `dashboard-${width}-${lang}.png`);
      await page.screenshot({ path: file, fullPage: full });
      console.log(`› ${relative(ROOT, file)}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await store.close();
  collector.kill('SIGTERM');
}
