// PostgreSQL going away under load: the collector answers 503 with Retry-After while it is gone, never
// acknowledges what was not committed, and recovers by itself. The database connection runs through a
// TCP proxy the test cuts mid-load (the shared server itself is never restarted).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../packages/collector/src/handler';
import { silentLogger } from '../../packages/collector/src/log';
import { openPostgresStore } from '../../packages/collector/src/store/postgres';
import type { Store } from '../../packages/collector/src/store/types';
import { batchBody, pageViews } from './support/events';
import { dropSchema, PG_URL, requirePostgres, uniqueSchema, type AdminClient } from './support/pg';
import { deliver, handlerPost } from './support/sender';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';

const schema = uniqueSchema('faults');
const SITE = 'shop';
let admin: AdminClient;
let proxy: TcpProxy;
let store: Store;

beforeAll(async () => {
  admin = await requirePostgres();
  const target = new URL(PG_URL);
  proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
  const viaProxy = new URL(PG_URL);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  store = await openPostgresStore(viaProxy.toString(), { schema, poolSize: 4, connectTimeoutMs: 1000 });
});
afterAll(async () => {
  await store?.close().catch(() => {});
  await proxy?.close();
  await dropSchema(admin, schema);
  await admin.end();
});

const countIds = async (ids: string[]) =>
  (await admin.query<{ id: string; n: number }>(`SELECT id, COUNT(*)::int AS n FROM "${schema}".events WHERE site = $1 AND id = ANY($2) GROUP BY id`, [SITE, ids])).rows;

describe('PostgreSQL faults', () => {
  it('answers 503 + Retry-After while the database is cut off, recovers alone, and keeps every sent event exactly once', async () => {
    const handler = createHandler({ sink: store, sites: [{ id: SITE, origins: ['https://shop.test'] }], log: silentLogger, rateLimit: false });
    const post = handlerPost(handler);
    const acked: string[] = [];
    const sent: string[] = [];
    let firstAckAfterCut = -1;
    let cutAt = 0;

    // 8 clients × 30 batches of 20; the proxy is cut twice while they send.
    const clients = Array.from({ length: 8 }, async (_, c) => {
      const results = [];
      for (let b = 0; b < 30; b++) {
        const events = pageViews(20, `c${c}-b${b}`);
        sent.push(...events.map((e) => e.id as string));
        const d = await deliver(post, batchBody(SITE, events));
        if (d.status === 200) {
          acked.push(...events.map((e) => e.id as string));
          if (cutAt && firstAckAfterCut < 0) firstAckAfterCut = Date.now();
        }
        results.push(d);
        await new Promise((r) => setTimeout(r, 5));
      }
      return results;
    });

    const faults = (async () => {
      for (let k = 0; k < 2; k++) {
        await new Promise((r) => setTimeout(r, 300));
        proxy.cut();
        cutAt = Date.now();
        // Everything acknowledged before the cut is committed (checked beside the proxy, directly).
        const snapshot = [...acked];
        expect(snapshot.length).toBeGreaterThan(0);
        expect((await countIds(snapshot)).length).toBe(snapshot.length);
        // While cut: readiness says so, and an acknowledged write is impossible.
        await new Promise((r) => setTimeout(r, 200));
        const ready = await handler(new Request('http://collector.test/readyz'));
        expect(ready.status).toBe(503);
        const probe = await post(batchBody(SITE, pageViews(3, `probe${k}`)));
        expect(probe.status).toBe(503);
        expect(probe.retryAfter).toMatch(/^\d+$/);
        await new Promise((r) => setTimeout(r, 1000));
        proxy.restore();
      }
    })();

    const [deliveries] = await Promise.all([Promise.all(clients), faults]);
    const all = deliveries.flat();
    expect(all.every((d) => d.status === 200)).toBe(true);
    // The cuts really hit the load: some batches were refused with 503 + Retry-After and retried.
    const refused = all.flatMap((d) => d.failures);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((f) => f.status === 503 && f.retryAfter)).toBe(true);
    expect(firstAckAfterCut).toBeGreaterThan(0);

    // Every acknowledged event is there, every sent event is there, each exactly once.
    expect(acked.length).toBe(sent.length);
    const rows = await countIds(sent);
    expect(rows.length).toBe(sent.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    // Recovered by itself: ready again, with nothing restarted.
    expect((await handler(new Request('http://collector.test/readyz'))).status).toBe(200);
  });

  it('never acknowledges a batch whose commit failed: a refused batch is absent until it is re-sent', async () => {
    const handler = createHandler({ sink: store, sites: [{ id: SITE, origins: ['https://shop.test'] }], log: silentLogger, rateLimit: false });
    const post = handlerPost(handler);
    proxy.cut();
    const events = pageViews(20, 'refused');
    const ids = events.map((e) => e.id as string);
    const first = await post(batchBody(SITE, events));
    expect(first.status).toBe(503);
    expect(first.retryAfter).not.toBeNull();
    expect(await countIds(ids)).toEqual([]);
    proxy.restore();
    const again = await deliver(post, batchBody(SITE, events));
    expect(again.status).toBe(200);
    expect((await countIds(ids)).length).toBe(20);
  });
});
