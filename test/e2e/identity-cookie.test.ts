// The first-party identity cookie in real Chromium (issue 21, "Returning visitors in Safari"). Safari's ITP
// deletes storage a script can write; WebKit cannot run here, so the test does to Chromium what ITP does:
// it clears the page's IndexedDB and localStorage and keeps the cookies. The layout is the subdomain one:
// shop and collector on the same site (localhost) but different origins (ports), so the SDK sends its
// requests with credentials and the collector answers with credentialed CORS for the exact origin.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { saveArtifacts, recordPage } from './support/artifacts';
import { launchChromium } from './support/chromium';
import { eventually } from './support/collector-process';
import { identityCollector, type IdentityCollector } from './support/identity-collector';
import { FIXTURES, SDK_DIST, serveStatic, type StaticServer } from './support/static-server';

const SITE = 'e2e-cookie';
let browser: Browser;
let shop: StaticServer;
let shopOrigin: string;
let collector: IdentityCollector;
let context: BrowserContext | undefined;
let page: Page | undefined;
const log: string[] = [];

beforeAll(async () => {
  shop = await serveStatic({ '/': FIXTURES, '/sdk/': SDK_DIST });
  // `localhost` for both: a secure context over http, where Chromium keeps Secure cookies.
  shopOrigin = shop.url.replace('127.0.0.1', 'localhost');
  collector = await identityCollector({ site: SITE, origins: [shopOrigin], host: 'localhost', identityCookie: {} });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await shop?.close();
});
afterEach(async (ctx) => {
  log.push('written: ' + JSON.stringify(collector.written.map((r) => [r.name, r.anonymousId, r.linkTo ?? null])));
  await saveArtifacts(`identity-cookie-${ctx.task.name.replace(/\W+/g, '-').slice(0, 60)}`, page, log);
  await context?.close();
});

const landing = (credentials: boolean) => `${shopOrigin}/sdk-identity.html?collector=${encodeURIComponent(`${collector.url}/v1/touchpoints`)}&site=${SITE}${credentials ? '&credentials=include' : ''}`;

async function visit(p: Page, credentials = true): Promise<string> {
  const seen = collector.written.length;
  await p.goto(landing(credentials));
  await p.waitForFunction(() => typeof (window as any).touchpoint?.tag === 'function');
  await p.evaluate(() => (window as any).touchpoint.flush());
  await eventually(() => collector.written.slice(seen).some((r) => r.name === 'page_view'), 15_000, () => JSON.stringify(collector.written.slice(seen).map((r) => r.name)));
  return collector.written.slice(seen).find((r) => r.name === 'page_view')!.anonymousId!;
}

/** What Safari's ITP does to a site's script-writable storage after seven days: gone, cookies kept. */
async function clearScriptStorage(p: Page): Promise<void> {
  await p.goto('about:blank');
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('Storage.clearDataForOrigin', { origin: shopOrigin, storageTypes: 'local_storage,indexeddb,cache_storage,service_workers' });
  await cdp.detach();
}

it("a revisit after the page's storage is cleared arrives with a new anonymous id and linkTo { via: 'cookie' } to the first", async () => {
  context = await browser.newContext();
  page = await context.newPage();
  recordPage(page, log);
  const first = await visit(page);
  const cookies = await context.cookies(collector.url);
  expect(cookies.map((c) => ({ name: c.name, value: c.value, httpOnly: c.httpOnly, secure: c.secure, sameSite: c.sameSite }))).toEqual([
    { name: 'tp_aid', value: first, httpOnly: true, secure: true, sameSite: 'Lax' },
  ]);
  expect(cookies[0]!.expires * 1000 - Date.now()).toBeGreaterThan(399 * 86_400_000);
  expect(collector.written.filter((r) => r.anonymousId === first).every((r) => !r.linkTo)).toBe(true);

  await clearScriptStorage(page);
  // the script cannot see the cookie: HttpOnly
  await page.goto(`${shopOrigin}/sdk-identity.html`);
  expect(await page.evaluate(() => document.cookie)).toBe('');
  const second = await visit(page);
  expect(second).not.toBe(first);
  const revisit = collector.written.filter((r) => r.anonymousId === second);
  expect(revisit.length).toBeGreaterThan(0);
  for (const r of revisit) expect(r.linkTo).toEqual({ via: 'cookie', anonymousId: first });
  // the cookie keeps the first anonymous id
  expect((await context.cookies(collector.url)).map((c) => c.value)).toEqual([first]);
});

it('without credentialed requests the cross-origin collector never sees the cookie: the revisit is a new browser', async () => {
  context = await browser.newContext();
  page = await context.newPage();
  recordPage(page, log);
  const first = await visit(page, false);
  expect(await context.cookies(collector.url)).toEqual([]);
  await clearScriptStorage(page);
  const second = await visit(page, false);
  expect(second).not.toBe(first);
  expect(collector.written.filter((r) => r.anonymousId === second).every((r) => !r.linkTo)).toBe(true);
});
