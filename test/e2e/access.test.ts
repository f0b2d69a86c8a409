// Access in real headless Chromium, on SQLite and on PostgreSQL: the session cookie's flags as the
// browser stores them, a viewer kept to its site, a cross-site form post and a call without the CSRF
// proof refused, a revoked key refused at once, and a shared link that shows one report until it expires.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler, silentLogger, type Store } from '@touchpoint/collector';
import { createAccessKey, createAdminRoutes, createSharedLink, readAudit, revokeAccessKey } from '@touchpoint/collector/admin';
import { saveCatalogue } from '@touchpoint/collector/check-ads';
import { toNodeListener } from '@touchpoint/collector/node';
import { openPostgresStore } from '@touchpoint/collector/postgres';
import { openSqliteStore } from '@touchpoint/collector/sqlite';
import { sampleEvents, seed } from '../../packages/collector/src/reports/sample-events.fixture';
import { dropSchema, type AdminClient, PG_URL, requirePostgres, uniqueSchema } from '../integration/support/pg';
import { recordPage, saveArtifacts } from './support/artifacts';
import { launchChromium } from './support/chromium';

const dir = mkdtempSync(join(tmpdir(), 'tp-access-e2e-'));
const schema = uniqueSchema('access_e2e');
let browser: Browser;
let pgAdmin: AdminClient;
let evil: Server;
let evilBase: string;
let target = '';

beforeAll(async () => {
  pgAdmin = await requirePostgres();
  browser = await launchChromium();
  // Another site (localhost is not the same site as 127.0.0.1) whose page posts a form to the collector.
  evil = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><form id="f" method="POST" action="${target}/api/check-ads?site=shop"><input name="x" value="1"></form><script>document.getElementById('f').submit()</script>`);
  });
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
  evilBase = `http://localhost:${(evil.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => evil?.close(r));
  await dropSchema(pgAdmin, schema);
  await pgAdmin.end();
  rmSync(dir, { recursive: true, force: true });
});

const STORES: Array<[string, () => Promise<Store>]> = [
  ['SQLite', async () => openSqliteStore(join(dir, 'access.db'))],
  ['PostgreSQL', () => openPostgresStore(PG_URL, { schema, poolSize: 4 })],
];

describe.each(STORES)('access in Chromium on %s', (label, open) => {
  let store: Store;
  let server: Server;
  let base: string;
  let clock = Date.now();
  let viewer: string;
  let admin: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    store = await open();
    await seed(store, 'shop', sampleEvents());
    await seed(store, 'blog', [{ name: 'page_view', ts: Date.UTC(2026, 0, 5, 9), visitor: 'b1', session: 'b1', path: '/post', channel: 'organic_search' }]);
    await saveCatalogue(store, 'shop', [{ adId: 'ad-1', campaign: 'c', headline: 'h', keywords: [], landingUrl: 'https://shop.invalid/' }]);
    viewer = (await createAccessKey(store, { name: 'Ana', grants: [{ site: 'shop', role: 'viewer' }], createdBy: 'test' })).token;
    admin = (await createAccessKey(store, { name: 'Bea', grants: [{ site: 'shop', role: 'admin' }], createdBy: 'test' })).token;
    const routes = createAdminRoutes({ store, now: () => clock });
    const handler = createHandler({ sink: store, sites: [{ id: 'shop', origins: ['*'] }, { id: 'blog', origins: ['*'] }], routes: [routes], log: silentLogger, rateLimit: false, trustProxy: true });
    server = createServer(toNodeListener(handler));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await new Promise((r) => server?.close(r));
    await store?.close();
  });

  async function signedIn(key: string, extraHTTPHeaders?: Record<string, string>) {
    const context = await browser.newContext({ locale: 'en-US', ...(extraHTTPHeaders ? { extraHTTPHeaders } : {}) });
    contexts.push(context);
    const page = await context.newPage();
    const log: string[] = [];
    recordPage(page, log);
    await page.goto(`${base}/dashboard`);
    await page.locator('#token-form').waitFor();
    await page.fill('#token', key);
    await page.click('#token-form button');
    await page.locator('#journey-chart li.stage').first().waitFor();
    return { context, page, log };
  }

  it('keeps the session in an HttpOnly, SameSite=Strict cookie with an expiry, Secure behind an https proxy', async () => {
    const { context, page, log } = await signedIn(viewer);
    const [cookie] = (await context.cookies(base)).filter((c) => c.name === 'tp_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false, path: '/' });
    expect(cookie!.expires * 1000).toBeGreaterThan(Date.now() + 11 * 3_600_000);
    expect(cookie!.expires * 1000).toBeLessThan(Date.now() + 13 * 3_600_000);
    expect(await page.evaluate(() => document.cookie)).not.toContain('tp_session');
    await page.reload();
    await page.locator('#journey-chart li.stage').first().waitFor();
    expect(await page.locator('#who').textContent()).toBe('Ana');
    await saveArtifacts(`access-${label}`, page, log);

    const proxied = await signedIn(viewer, { 'x-forwarded-proto': 'https' });
    const [secure] = (await proxied.context.cookies(base)).filter((c) => c.name === 'tp_session');
    expect(secure).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true });

    await page.click('#sign-out');
    await expect.poll(() => page.locator('#status').textContent()).toBe('Signed out.');
    expect((await context.cookies(base)).filter((c) => c.name === 'tp_session')).toEqual([]);
  });

  it('shows a viewer of shop only shop, and answers 403 for blog', async () => {
    const { page } = await signedIn(viewer);
    expect(await page.locator('#site option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['shop']);
    expect(await page.locator('#check-now').isHidden()).toBe(true);
    const status = await page.evaluate(() => fetch('/api/reports/journey?site=blog').then((r) => r.status));
    expect(status).toBe(403);
  });

  it('refuses a cross-site form post and a same-origin call without the CSRF proof; the dashboard itself may act', async () => {
    const { page } = await signedIn(admin);
    target = base;
    const evilPage = await page.context().newPage();
    const posted = evilPage.waitForResponse((r) => r.url().startsWith(`${base}/api/check-ads`));
    await evilPage.goto(`${evilBase}/`);
    const response = await posted;
    // SameSite=Strict: the browser did not even send the cookie
    expect(response.status()).toBe(401);
    const noProof = await page.evaluate(() => fetch('/api/check-ads?site=shop', { method: 'POST' }).then((r) => r.status));
    expect(noProof).toBe(403);
    expect((await readAudit(store, { sites: ['shop'] })).filter((e) => e.action === 'checks.run')).toEqual([]);
    await page.click('#check-now');
    await expect.poll(async () => (await readAudit(store, { sites: ['shop'] })).filter((e) => e.action === 'checks.run').length, { timeout: 30_000 }).toBe(1);
  });

  it('refuses a revoked key at once: the next call asks for a key again', async () => {
    const temp = await createAccessKey(store, { name: 'Temp', grants: [{ site: 'shop', role: 'viewer' }], createdBy: 'test' });
    const { page } = await signedIn(temp.token);
    await revokeAccessKey(store, temp.key.id);
    await page.click('#apply');
    await expect.poll(() => page.locator('#status').textContent()).toBe('The key was refused. Enter it again.');
    expect(await page.locator('#main').isHidden()).toBe(true);
  });

  it('shows one report of one site through a shared link, read-only, until it expires', async () => {
    const { token } = await createSharedLink(store, { site: 'shop', report: 'journey', expiresAt: clock + 86_400_000, createdBy: 'test', now: clock });
    const context = await browser.newContext({ locale: 'es-ES' });
    contexts.push(context);
    const page = await context.newPage();
    const log: string[] = [];
    recordPage(page, log);
    await page.goto(`${base}/dashboard/shared#${token}`);
    await page.locator('#journey-chart li.stage').first().waitFor();
    expect(await page.locator('#journey-chart li.stage[data-stage="before"] .stage-visitors').textContent()).toBe('4 visitantes');
    for (const hidden of ['#ads', '#feedback', '#checks', '#token-form', '#sign-out']) expect(await page.locator(hidden).isHidden(), hidden).toBe(true);
    expect(await page.locator('#shared-note').textContent()).toMatch(/^Vista de solo lectura de shop, compartida hasta el /);
    expect(log.filter((l) => /pageerror|Refused to|Content Security Policy/.test(l))).toEqual([]);
    await saveArtifacts(`access-shared-${label}`, page, log);
    clock += 86_400_000 + 1;
    await page.reload();
    await expect.poll(() => page.locator('#status').textContent()).toBe('Este enlace compartido no existe, ha caducado o fue revocado.');
    expect(await page.locator('#main').isHidden()).toBe(true);
  });
});
