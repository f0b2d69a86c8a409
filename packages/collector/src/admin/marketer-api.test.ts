import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributionEvents, linkAna, RANGE } from '../reports/marketer-events.fixture.js';
import { seed } from '../reports/sample-events.fixture.js';
import { createSites } from '../sites.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { createAdminRoutes } from './index.js';
import { createAccessKey } from './keys.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read loosely in tests */

// The attribution, funnel and what-to-fix-first endpoints, for a viewer of the site.
let store: Store;
let routes: ReturnType<typeof createAdminRoutes>;
let viewer: string;
beforeAll(async () => {
  store = openSqliteStore(':memory:');
  await seed(store, 'shop', attributionEvents());
  await linkAna(store, 'shop');
  const sites = createSites([{ id: 'shop', origins: ['*'], funnel: ['begin_checkout', 'add_payment_info', 'purchase'] }]);
  routes = createAdminRoutes({ store, sites });
  viewer = (await createAccessKey(store, { name: 'viewer', grants: [{ site: 'shop', role: 'viewer' }], createdBy: 'test' })).token;
});
afterAll(() => store.close());

const get = async (path: string, token = viewer) => {
  const res = (await routes(new Request(`http://collector.test${path}`, { headers: { authorization: `Bearer ${token}` } })))!;
  return { status: res.status, body: await res.json() as any };
};
const range = `from=${RANGE.from}&to=${RANGE.to}`;

describe('marketer report API', () => {
  it('serves attribution with the model, lookback and grouping the viewer picks, named in the answer', async () => {
    const { status, body } = await get(`/api/reports/attribution?site=shop&${range}&model=linear&lookbackDays=20&by=campaign`);
    expect(status).toBe(200);
    expect([body.model, body.lookbackDays, body.by]).toEqual(['linear', 20, 'campaign']);
    // A's newsletter (10 days before) and rebajas ad (2 days before) share A's order; D and E have no campaign.
    expect(body.rows.map((r: any) => [r.key, r.purchases])).toEqual([['<b>trail</b><img src=x onerror=alert(1)>', 2], [null, 2], ['newsletter', 0.5], ['rebajas', 0.5]]);
    expect((await get(`/api/reports/attribution?site=shop&${range}`)).body.model).toBe('last_non_direct');
  });

  it('answers 400 naming every bad parameter', async () => {
    const { status, body } = await get('/api/reports/attribution?site=shop&model=u_shaped&lookbackDays=0&by=country');
    expect(status).toBe(400);
    expect(body.error).toBe('model: must be last_non_direct, first_touch, linear, got "u_shaped"; lookbackDays: must be a whole number of days from 1 to 365, got "0"; by: must be channel, campaign, ad, landing, got "country"');
    expect((await get('/api/reports/funnel?site=shop&bots=yes')).body).toEqual({ error: 'bots: must be include or exclude, got "yes"' });
  });

  it("serves the funnel with the site's own steps, and counts bots only with bots=include", async () => {
    const { body } = await get(`/api/reports/funnel?site=shop&${range}`);
    expect(body.steps).toEqual(['begin_checkout', 'add_payment_info', 'purchase']);
    expect(body.overall.map((s: any) => s.people)).toEqual([3, 2, 2]);
    expect(body.botTouchpoints).toBe(3);
    const bots = (await get(`/api/reports/attribution?site=shop&${range}&bots=include`)).body;
    expect(bots.totals.purchases).toBe(6);
  });

  it('answers a report as a CSV download with format=csv, and refuses another format', async () => {
    const res = (await routes(new Request(`http://collector.test/api/reports/attribution?site=shop&${range}&by=campaign&format=csv`, { headers: { authorization: `Bearer ${viewer}` } })))!;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="touchpoint-attribution-shop.csv"');
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toMatch(/^model,lookback_days,campaign,/);
    expect(lines).toContain('last_non_direct,30,rebajas,1,1,EUR,1,100,0,100,100');
    expect((await get('/api/reports/funnel?site=shop&format=xlsx')).body).toEqual({ error: 'format: must be json or csv, got "xlsx"' });
  });

  it('serves what to fix first, and keeps other sites out', async () => {
    expect((await get(`/api/reports/weak-touchpoints?site=shop&${range}`)).status).toBe(200);
    expect((await get('/api/reports/weak-touchpoints?site=blog')).status).toBe(403);
    expect((await get('/api/reports/attribution')).status).toBe(403);
  });
});
