// The people endpoints: retention and a person's timeline for viewers, erasure for admins only (audit
// logged, without the erased ids), and clear 400s for wrong parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { link, retentionEvents, seed, W0 } from '../people/people-suite.fixture.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { readAudit } from './audit.js';
import { createAdminRoutes } from './index.js';
import { createAccessKey } from './keys.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read loosely in tests */

let store: Store;
let routes: ReturnType<typeof createAdminRoutes>;
let viewer: string;
let admin: string;

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  await seed(store, 'shop', retentionEvents());
  for (const a of ['a1', 'a2']) await link(store, 'shop', a, 'u:ana');
  routes = createAdminRoutes({ store });
  viewer = (await createAccessKey(store, { name: 'Vera (viewer)', grants: [{ site: 'shop', role: 'viewer' }], createdBy: 'test' })).token;
  admin = (await createAccessKey(store, { name: 'Ada (admin)', grants: [{ site: 'shop', role: 'admin' }], createdBy: 'test' })).token;
});
afterAll(() => store.close());

const call = (path: string, token: string, method = 'GET') =>
  routes(new Request(`http://collector.test${path}`, { method, headers: { authorization: `Bearer ${token}` } })) as Promise<Response>;

describe('people API', () => {
  it('serves retention to a viewer, by purchase or touchpoint, per week or month', async () => {
    const res = await call(`/api/reports/retention?site=shop&from=2026-01-05&to=2026-02-01`, viewer);
    expect(res.status).toBe(200);
    const r = (await res.json()) as any;
    expect(r.cohorts.map((c: any) => c.people)).toEqual([1, 2]);
    expect(r.cohorts[0].start).toBe(W0);
    const monthly = (await (await call('/api/reports/retention?site=shop&from=2026-01-05&to=2026-02-01&by=touchpoint&period=month', viewer)).json()) as any;
    // ana, b1, d1 and carl's browser c1, plus u:carl's backend touchpoint: c1 is not linked here.
    expect([monthly.by, monthly.period, monthly.cohorts[0].people]).toEqual(['touchpoint', 'month', 5]);
  });

  it("serves a person's timeline to a viewer, bounded by a limit", async () => {
    const t = (await (await call('/api/people/timeline?site=shop&anonymous=a1&limit=3', viewer)).json()) as any;
    expect(t.person).toMatchObject({ key: 'u:ana', anonymousIds: ['a1', 'a2'], userIds: ['ana'] });
    expect(t.touchpoints.map((e: any) => [e.name, e.anonymousId])).toEqual([['ad_landing', 'a1'], ['page_view', 'a1'], ['purchase', 'a2']]);
    expect(t.truncated).toBe(true);
  });

  it('answers 400 naming the wrong parameter', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/api/reports/retention?site=shop&by=visit', /^by: expected purchase or touchpoint/],
      ['/api/reports/retention?site=shop&period=day', /^period: expected week or month/],
      ['/api/people/timeline?site=shop', /exactly one of user or anonymous/],
      ['/api/people/timeline?site=shop&user=a&anonymous=b', /exactly one of user or anonymous/],
      ['/api/people/timeline?user=a', /^site: required/],
      ['/api/people/timeline?site=shop&user=ana&limit=0', /^limit: an integer from 1 to 10000/],
    ];
    for (const [path, message] of cases) {
      const res = await call(path, viewer);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as any).error, path).toMatch(message);
    }
  });

  it('lets only an admin erase a person, answers the per-table counts and audit-logs it without the ids', async () => {
    const refused = await call('/api/people?site=shop&user=ana', viewer, 'DELETE');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).error).toMatch(/erasure needs an admin/);

    const res = await call('/api/people?site=shop&user=ana', admin, 'DELETE');
    expect(res.status).toBe(200);
    const erased = (await res.json()) as any;
    expect(erased.person.anonymousIds).toEqual(['a1', 'a2']);
    expect(erased.deleted).toMatchObject({ events: 5, identity_links: 2, user_merges: 0, identity_conflicts: 0 });
    const [entry] = await readAudit(store, { sites: ['shop'] });
    expect(entry).toMatchObject({ action: 'person.forget', actorName: 'Ada (admin)', detail: { by: 'user', deleted: erased.deleted, suppressed: { user: 1, anonymous: 2 } } });
    expect(JSON.stringify(entry!.detail)).not.toMatch(/ana|a1|a2/);
    const t = (await (await call('/api/people/timeline?site=shop&user=ana', viewer)).json()) as any;
    expect(t.touchpoints).toEqual([]);
  });
});
