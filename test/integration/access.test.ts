// Who may see what, through the admin API, on SQLite and on PostgreSQL alike: per-site roles, revocation,
// throttled guessing, CSRF, shared links and the audit log. Two admin route sets on one store stand for
// two collectors behind a load balancer: what one decides (a revocation, a block) the other sees.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics, type Route, type Store } from '@touchpoint/collector';
import { createAccessKey, createAdminRoutes, readAudit } from '@touchpoint/collector/admin';
import { saveCatalogue } from '@touchpoint/collector/check-ads';
import { openPostgresStore } from '@touchpoint/collector/postgres';
import { openSqliteStore } from '@touchpoint/collector/sqlite';
import { sampleEvents, seed } from '../../packages/collector/src/reports/sample-events.fixture';
import { startLandingServer } from '../../packages/collector/src/check-ads/landing-server.fixture';
import { dropSchema, type AdminClient, PG_URL, requirePostgres, uniqueSchema } from './support/pg';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read loosely in tests */

const ADMIN_TOKEN = 'integration-admin-token-0123456789';
const schema = uniqueSchema('access');
const dir = mkdtempSync(join(tmpdir(), 'tp-access-'));
let admin: AdminClient;
let landing: Awaited<ReturnType<typeof startLandingServer>>;

beforeAll(async () => {
  admin = await requirePostgres();
  landing = await startLandingServer();
});
afterAll(async () => {
  await dropSchema(admin, schema);
  await admin.end();
  await landing.close();
  rmSync(dir, { recursive: true, force: true });
});

const STORES: Array<[string, () => Promise<Store>]> = [
  ['SQLite', async () => openSqliteStore(join(dir, 'access.db'))],
  ['PostgreSQL', () => openPostgresStore(PG_URL, { schema, poolSize: 4 })],
];

describe.each(STORES)('access on %s', (_label, open) => {
  let store: Store;
  let clock = Date.UTC(2026, 5, 1, 12);
  const now = () => clock;
  const metrics = createMetrics({ processMetrics: false });
  let one: Route;
  let two: Route;
  let viewerA: string;
  let adminA: string;
  let allAdmin: string;

  const call = (routes: Route, path: string, init: RequestInit & { bearer?: string; ip?: string } = {}) => {
    const { bearer, ip = '198.51.100.1', ...rest } = init;
    const headers = new Headers(rest.headers);
    if (bearer) headers.set('authorization', `Bearer ${bearer}`);
    return routes(new Request(`http://collector.test${path}`, { ...rest, headers }), { clientIp: ip, https: false, host: 'collector.test' }) as Promise<Response>;
  };
  const signIn = async (routes: Route, key: string, headers: Record<string, string> = {}) => {
    const res = await call(routes, '/api/session', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ key }) });
    const cookie = /^(tp_session=[^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    return { res, cookie: cookie!, csrf: ((await res.json()) as any).csrf as string };
  };

  beforeAll(async () => {
    store = await open();
    await seed(store, 'shop', sampleEvents());
    await seed(store, 'blog', [{ name: 'page_view', ts: Date.UTC(2026, 0, 5, 9), visitor: 'b1', session: 'b1', path: '/post', channel: 'organic_search' }]);
    await saveCatalogue(store, 'shop', [{ adId: 'ad-trail', campaign: 'trail', headline: 'Zapatillas de trail', keywords: ['trail'], landingUrl: `${landing.base}/es/trail?utm_source=google` }]);
    const options = { store, token: ADMIN_TOKEN, metrics, now, checks: { allow: ['127.0.0.1'] } };
    one = createAdminRoutes(options);
    two = createAdminRoutes(options);
    viewerA = (await createAccessKey(store, { name: 'Ana (shop viewer)', grants: [{ site: 'shop', role: 'viewer' }], createdBy: 'test' })).token;
    adminA = (await createAccessKey(store, { name: 'Bea (shop admin)', grants: [{ site: 'shop', role: 'admin' }], createdBy: 'test' })).token;
    allAdmin = (await createAccessKey(store, { name: 'Ops', grants: [{ site: '*', role: 'admin' }], createdBy: 'test' })).token;
  });
  afterAll(() => store.close());

  it('gives a viewer of site A its reports and a 403 for site B, for every site at once and for admin actions', async () => {
    expect((await call(one, '/api/reports/journey?site=shop', { bearer: viewerA })).status).toBe(200);
    for (const path of ['/api/reports/journey?site=blog', '/api/reports/ads?site=blog', '/api/reports/feedback?site=blog', '/api/catalogue?site=blog', '/api/check-ads?site=blog', '/api/reports/journey']) {
      const res = await call(one, path, { bearer: viewerA });
      expect(res.status, path).toBe(403);
    }
    const sites = (await (await call(one, '/api/sites', { bearer: viewerA })).json()) as any;
    expect(sites).toEqual({ sites: ['shop'], allSites: false, roles: { shop: 'viewer' } });
    const run = await call(one, '/api/check-ads?site=shop', { method: 'POST', bearer: viewerA });
    expect(run.status).toBe(403);
    expect(((await run.json()) as any).error).toBe('Ana (shop viewer) is a viewer of site "shop": checks.run needs an admin');
    expect((await call(one, '/api/access/keys', { bearer: viewerA })).status).toBe(403);
    expect((await call(one, '/api/audit', { bearer: viewerA })).status).toBe(403);
    // the same through a dashboard session
    const { cookie } = await signIn(one, viewerA);
    expect((await call(two, '/api/reports/journey?site=shop', { headers: { cookie } })).status).toBe(200);
    expect((await call(two, '/api/reports/journey?site=blog', { headers: { cookie } })).status).toBe(403);
  });

  it('keeps the single admin token an admin of every site', async () => {
    const sites = (await (await call(one, '/api/sites', { bearer: ADMIN_TOKEN })).json()) as any;
    expect(sites.sites).toEqual(['blog', 'shop']);
    expect(sites.allSites).toBe(true);
    expect((await call(one, '/api/reports/journey', { bearer: ADMIN_TOKEN })).status).toBe(200);
    expect((await call(one, '/api/audit', { bearer: ADMIN_TOKEN })).status).toBe(200);
  });

  it('refuses a revoked key at once, as a bearer and as a session, on the other collector too', async () => {
    const created = await (await call(one, '/api/access/keys', { method: 'POST', bearer: adminA, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Temp', grants: [{ site: 'shop', role: 'viewer' }] }) })).json() as any;
    expect(created.token).toMatch(/^tpk_[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
    // an admin of shop cannot hand out blog
    expect((await call(one, '/api/access/keys', { method: 'POST', bearer: adminA, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'X', grants: [{ site: 'blog', role: 'viewer' }] }) })).status).toBe(403);
    expect((await call(two, '/api/reports/journey?site=shop', { bearer: created.token })).status).toBe(200);
    const { cookie } = await signIn(two, created.token);
    expect((await call(two, '/api/session', { headers: { cookie } })).status).toBe(200);
    const revoke = await call(one, `/api/access/keys/${created.key.id}`, { method: 'DELETE', bearer: adminA });
    expect(await revoke.json()).toEqual({ revoked: true, id: created.key.id });
    expect((await call(two, '/api/reports/journey?site=shop', { bearer: created.token })).status).toBe(401);
    expect((await call(two, '/api/reports/journey?site=shop', { headers: { cookie } })).status).toBe(401);
    const listed = (await (await call(one, '/api/access/keys', { bearer: adminA })).json()) as any;
    expect(listed.keys.find((k: any) => k.id === created.key.id).revokedAt).toBe(clock);
    // keys reaching other sites are not an admin of shop's to see
    expect(listed.keys.some((k: any) => k.name === 'Ops')).toBe(false);
  });

  it('throttles a guessing loop per address (429 with a growing Retry-After) before looking at the key, and counts it in /metrics', async () => {
    const ip = '203.0.113.50';
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await call(one, '/api/sites', { bearer: `wrong-token-${i}-0123456789`, ip })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429, 429]);
    const blocked = await call(two, '/api/sites', { bearer: ADMIN_TOKEN, ip });
    // even the right token waits: the other collector sees the same block
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBe(30);
    clock += 31_000;
    for (let i = 0; i < 4; i++) expect((await call(one, '/api/sites', { bearer: `wrong-again-${i}-0123456789`, ip })).status).toBe(401);
    const second = await call(one, '/api/sites', { bearer: 'wrong-once-more-0123456789', ip });
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBe(60);
    clock += 61_000;
    expect((await call(one, '/api/sites', { bearer: ADMIN_TOKEN, ip })).status).toBe(200);
    const text = await metrics.render();
    expect(text).toMatch(/touchpoint_admin_auth_failures_total\{via="bearer",reason="wrong_token"\} (9|1\d)/);
    expect(text).toMatch(/touchpoint_admin_auth_throttled_total\{via="bearer"\} [1-9]/);
  });

  it('throttles sign-ins per account whatever the address', async () => {
    const id = adminA.split('.')[0]!;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn(i % 2 ? one : two, `${id}.${'x'.repeat(43)}`, {})).res.status);
    // each attempt from its own address: still the account's fifth failure blocks it
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429]);
    const right = await call(one, '/api/session', { method: 'POST', ip: '192.0.2.99', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: adminA }) });
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).toBe('30');
    clock += 31_000;
    expect((await signIn(one, adminA)).res.status).toBe(200);
  });

  it('refuses a session call that changes something without the CSRF proof, or from another site', async () => {
    const { cookie, csrf } = await signIn(one, adminA);
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const post = (headers: Record<string, string>) => call(two, '/api/shared-links', { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ site: 'shop', report: 'journey' }) });
    const missing = await post({});
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as any).error).toMatch(/X-CSRF-Token/);
    expect((await post({ 'x-csrf-token': 'A'.repeat(43) })).status).toBe(403);
    expect((await post({ 'x-csrf-token': csrf, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ 'x-csrf-token': csrf, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // a classic cross-site form: form-encoded, another origin, no proof
    const form = await call(two, '/api/check-ads?site=shop', { method: 'POST', headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(form.status).toBe(403);
    expect((await post({ 'x-csrf-token': csrf, origin: 'http://collector.test', 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    // signing in from another site is refused too (login CSRF), and so is a form-encoded sign-in
    expect((await signIn(one, adminA, { origin: 'https://evil.example' })).res.status).toBe(403);
    expect((await call(one, '/api/session', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `key=${adminA}` })).status).toBe(415);
    // sign-out ends the session for every collector
    const out = await call(one, '/api/session', { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^tp_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0/);
    expect((await call(two, '/api/session', { headers: { cookie } })).status).toBe(401);
  });

  it('opens one report of one site with a shared link, until it expires or is revoked', async () => {
    const mint = async (report: string, days: number) => (await (await call(one, '/api/shared-links', { method: 'POST', bearer: adminA, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ site: 'shop', report, expiresInDays: days, label: 'for the agency' }) })).json()) as any;
    const week = await mint('journey', 7);
    expect(week.path).toBe(`/dashboard/shared#${week.token}`);
    const open = (token: string, query = '') => call(two, `/api/shared/report${query}`, { headers: { 'x-touchpoint-share': token }, ip: '192.0.2.10' });
    const res = await open(week.token, '?site=blog&from=2026-01-05&to=2026-01-05');
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    // the link's site, whatever the query asks
    expect(body).toMatchObject({ site: 'shop', report: 'journey', label: 'for the agency' });
    expect(body.data.visitors).toBe(4);
    // a viewer cannot mint links; nothing but the three reports can be shared
    expect((await call(one, '/api/shared-links', { method: 'POST', bearer: viewerA, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ site: 'shop', report: 'journey' }) })).status).toBe(403);
    expect((await call(one, '/api/shared-links', { method: 'POST', bearer: adminA, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ site: 'shop', report: 'timeline' }) })).status).toBe(400);
    const day = await mint('ads', 1);
    expect((await open(day.token)).status).toBe(200);
    clock += 86_400_000 + 1;
    expect((await open(day.token)).status).toBe(404);
    expect((await open(week.token)).status).toBe(200);
    await call(one, `/api/shared-links/${week.link.id}`, { method: 'DELETE', bearer: adminA });
    expect((await open(week.token)).status).toBe(404);
    const listed = (await (await call(one, '/api/shared-links?site=shop', { bearer: adminA })).json()) as any;
    expect(listed.links.find((l: any) => l.id === week.link.id).revokedAt).toBe(clock);
  });

  it('records every admin action in the audit log: who, what, which site, when', async () => {
    const { cookie, csrf } = await signIn(one, allAdmin);
    const headers = { cookie, 'x-csrf-token': csrf };
    const before = clock;
    expect((await call(one, '/api/catalogue?site=shop', { method: 'POST', headers, body: `ad_id,campaign,headline,keywords,landing_url\nad-home,rebajas,Rebajas,rebajas,${landing.base}/\n` })).status).toBe(200);
    expect((await call(one, '/api/check-ads?site=shop', { method: 'POST', headers })).status).toBe(200);
    const key = (await (await call(one, '/api/access/keys', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Carla', grants: [{ site: 'shop', role: 'viewer' }, { site: 'blog', role: 'admin' }] }) })).json()) as any;
    await call(one, `/api/access/keys/${key.key.id}`, { method: 'DELETE', headers });
    const link = (await (await call(one, '/api/shared-links', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ site: 'blog', report: 'feedback' }) })).json()) as any;
    await call(one, `/api/shared-links/${link.link.id}`, { method: 'DELETE', headers });
    await call(one, '/api/session', { method: 'DELETE', headers });

    const entries = (await readAudit(store, { from: before })).reverse();
    const ops = (await (await call(two, '/api/audit', { bearer: allAdmin })).json()) as any;
    expect(ops.entries.length).toBeGreaterThanOrEqual(entries.length);
    const mine = entries.filter((e) => e.actorName === 'Ops');
    expect(mine.map((e) => [e.action, e.site])).toEqual([
      ['session.start', null],
      ['catalogue.import', 'shop'],
      ['checks.run', 'shop'],
      ['key.create', 'shop'],
      ['key.create', 'blog'],
      ['key.revoke', 'blog'],
      ['key.revoke', 'shop'],
      ['shared-link.create', 'blog'],
      ['shared-link.revoke', 'blog'],
      ['session.end', null],
    ]);
    for (const e of mine) expect(e).toMatchObject({ actor: allAdmin.split('.')[0], ip: '198.51.100.1', at: clock });
    expect(mine[1]!.detail).toEqual({ imported: 1, badRows: 0 });
    expect(JSON.stringify(mine)).not.toContain(key.token.split('.')[1]);
    // an admin of shop reads shop's entries only
    const shopOnly = (await (await call(one, '/api/audit', { bearer: adminA })).json()) as any;
    expect(shopOnly.entries.length).toBeGreaterThan(0);
    expect(shopOnly.entries.every((e: any) => e.site === 'shop')).toBe(true);
    expect((await call(one, '/api/audit?site=blog', { bearer: adminA })).status).toBe(403);
  });
});
