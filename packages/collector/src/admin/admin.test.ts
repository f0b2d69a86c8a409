import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../check-ads/check-ad.js';
import { saveCheckResults } from '../check-ads/history.js';
import { startLandingServer } from '../check-ads/landing-server.fixture.js';
import { sampleEvents, seed } from '../reports/sample-events.fixture.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { createAdminRoutes } from './index.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read loosely in tests */

const TOKEN = 'test-admin-token-0123456789';
let store: Store;
let routes: ReturnType<typeof createAdminRoutes>;
let landing: Awaited<ReturnType<typeof startLandingServer>>;

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  await seed(store, 'shop', sampleEvents());
  landing = await startLandingServer();
  routes = createAdminRoutes({ store, token: TOKEN, checks: { allow: ['127.0.0.1'] } });
});
afterAll(async () => {
  await landing.close();
  await store.close();
});

const call = (path: string, init: RequestInit & { token?: string | null } = {}) => {
  const { token = TOKEN, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  return routes(new Request(`http://collector.test${path}`, { ...rest, headers }));
};

describe('admin token', () => {
  it('answers 401 without a token, with a wrong one, with one of another length, or with Basic auth', async () => {
    for (const auth of [null, 'Bearer wrong-token-wrong-token-00', 'Bearer x', `Basic ${Buffer.from(`${TOKEN}:`).toString('base64')}`]) {
      const res = await routes(new Request('http://collector.test/api/reports/journey?site=shop', { headers: auth ? { authorization: auth } : {} }));
      expect(res?.status, String(auth)).toBe(401);
      expect(res?.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });
  it('accepts the right token', async () => {
    expect((await call('/api/reports/journey?site=shop'))?.status).toBe(200);
  });
  it('refuses a short admin token at setup', () => {
    expect(() => createAdminRoutes({ store, token: 'short' })).toThrow(/at least 16 characters/);
  });
  it('leaves other paths to the collector', async () => {
    expect(await call('/v1/touchpoints', { method: 'POST' })).toBeUndefined();
  });
});

describe('report API', () => {
  it('serves the three reports for a site and range', async () => {
    const journey = await (await call('/api/reports/journey?site=shop&from=2026-01-05&to=2026-01-05'))!.json() as any;
    expect(journey.visitors).toBe(4);
    const ads = await (await call('/api/reports/ads?site=shop'))!.json() as any;
    expect(ads.rows).toHaveLength(2);
    const feedback = await (await call('/api/reports/feedback?site=shop'))!.json() as any;
    expect(feedback.touchpoints.map((t: { touchpoint: string }) => t.touchpoint)).toEqual(['sign_up', 'purchase']);
    expect((await (await call('/api/reports/journey?site=shop&from=2026-01-06'))!.json() as any).visitors).toBe(0);
  });
  it('lists sites', async () => {
    expect(await (await call('/api/sites'))!.json() as any).toEqual({ sites: ['shop'], allSites: true, roles: { shop: 'admin' } });
  });
  it('answers 400 with a clear message for a bad date and 404 for an unknown endpoint', async () => {
    const bad = await call('/api/reports/journey?from=yesterday');
    expect(bad?.status).toBe(400);
    expect(await bad!.json()).toEqual({ error: 'from: expected ms since epoch, YYYY-MM-DD or an ISO date-time, got "yesterday"' });
    expect((await call('/api/reports/journey?from=2026-02-01&to=2026-01-01'))?.status).toBe(400);
    expect((await call('/api/nope'))?.status).toBe(404);
  });
});

describe('catalogue and checks API', () => {
  it('imports a CSV catalogue, reporting bad rows by line and keeping the good ones', async () => {
    const csv = `ad_id,campaign,headline,keywords,landing_url\nad-trail,trail,Zapatillas de trail impermeables,trail,${landing.base}/es/trail-missing\nad-home,rebajas,Rebajas,rebajas,${landing.base}/\n,x,no id,,\n`;
    const res = await call('/api/catalogue?site=shop', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
    expect(res?.status).toBe(200);
    expect(await res!.json()).toEqual({ imported: 2, errors: [{ line: 4, message: 'ad_id: missing' }] });
    const json = JSON.stringify([{ ad_id: 'ad-trail', campaign: 'trail', headline: 'Zapatillas de trail impermeables', keywords: ['trail'], landing_url: `${landing.base}/es/zapatillas-trail?utm_source=google&gclid=1` }]);
    expect(await (await call('/api/catalogue?site=shop', { method: 'POST', body: json }))!.json() as any).toEqual({ imported: 1, errors: [] });
    const { ads } = await (await call('/api/catalogue?site=shop'))!.json() as any;
    expect(ads.map((a: { adId: string; landingUrl: string }) => [a.adId, a.landingUrl.replace(landing.base, '')])).toEqual([['ad-home', '/'], ['ad-trail', '/es/zapatillas-trail?utm_source=google&gclid=1']]);
    expect((await call('/api/catalogue?site=shop', { method: 'POST', body: 'nonsense' }))?.status).toBe(422);
    expect((await call('/api/catalogue', { method: 'POST', body: csv }))?.status).toBe(400);
  });

  it('checks the registered catalogue now, keeps the results, and shows them beside what visitors saw', async () => {
    const res = await call('/api/check-ads?site=shop', { method: 'POST' });
    expect(res?.status).toBe(200);
    const { results } = await res!.json() as any;
    expect(results.map((r: { adId: string; ok: boolean }) => [r.adId, r.ok])).toEqual([['ad-home', false], ['ad-trail', true]]);
    expect(results[0].problems.map((p: { message: string }) => p.message)).toContain('lands on the home page');
    expect(results[0].visitors).toMatchObject({ landings: 1, signUpRate: 1, lcpP75: 3000 });
    const later = await (await call('/api/check-ads?site=shop'))!.json() as any;
    expect(later.results.map((r: { adId: string }) => r.adId)).toEqual(['ad-home', 'ad-trail']);
    expect(later.history['ad-trail']).toHaveLength(1);
    expect(later.history['ad-trail'][0]).toMatchObject({ ok: true, status: 200, score: 100 });
  });

  it('reads the checks made within from/to, as the reports read touchpoints', async () => {
    const latest = (await (await call('/api/check-ads?site=shop'))!.json() as any).results as Array<CheckResult & { visitors?: unknown }>;
    const { visitors: _, ...home } = latest.find((r) => r.adId === 'ad-home')!;
    // An older check of the same ad, from when its page still passed.
    const older = Date.UTC(2026, 0, 15, 12);
    await saveCheckResults(store, 'shop', [{ ...home, checkedAt: older, ok: true, problems: [] }]);
    const january = await (await call('/api/check-ads?site=shop&from=2026-01-01&to=2026-01-31'))!.json() as any;
    expect(january.results.map((r: CheckResult) => [r.adId, r.ok, r.checkedAt])).toEqual([['ad-home', true, older]]);
    expect(Object.keys(january.history)).toEqual(['ad-home']);
    expect(january.history['ad-home'].map((h: { checkedAt: number }) => h.checkedAt)).toEqual([older]);
    const since = await (await call(`/api/check-ads?site=shop&from=${home.checkedAt}`))!.json() as any;
    expect(since.results.map((r: CheckResult) => [r.adId, r.ok])).toEqual([['ad-home', false], ['ad-trail', true]]);
    expect(since.history['ad-home']).toHaveLength(1);
    expect((await (await call('/api/check-ads?site=shop'))!.json() as any).history['ad-home']).toHaveLength(2);
    const bad = await call('/api/check-ads?site=shop&from=yesterday');
    expect(bad?.status).toBe(400);
    expect((await bad!.json() as any).error).toContain('from: expected ms since epoch');
  });

  it('refuses private targets from the server unless allow-listed', async () => {
    const strict = createAdminRoutes({ store, token: TOKEN });
    const res = await strict(new Request('http://collector.test/api/check-ads?site=shop', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } }));
    const { results } = await res!.json() as any;
    expect(results.every((r: { problems: Array<{ code: string }> }) => r.problems[0]?.code === 'refused')).toBe(true);
  });
});

describe('dashboard', () => {
  it('serves the page, script and stylesheet with a strict CSP and no token needed', async () => {
    for (const path of ['/dashboard', '/dashboard/app.js', '/dashboard/app.css']) {
      const res = await call(path, { token: null });
      expect(res?.status, path).toBe(200);
      expect(res?.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res?.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res?.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const html = await (await call('/dashboard', { token: null }))!.text();
    expect(html).not.toMatch(/<script>|\sstyle=|\son\w+=/);
    expect(await call('/dashboard/other', { token: null })).toBeUndefined();
  });
  it('is where the collector’s own address leads', async () => {
    for (const method of ['GET', 'HEAD']) {
      const res = await call('/', { token: null, method });
      expect(res?.status).toBe(302);
      expect(res?.headers.get('location')).toBe('/dashboard');
    }
    expect(await call('/', { token: null, method: 'POST' })).toBeUndefined();
  });
  it('never builds HTML from data in its script', async () => {
    const js = await (await call('/dashboard/app.js', { token: null }))!.text();
    expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });
});
