// The real @segment/analytics-node client against the collector over HTTP: its own wire format,
// batching, write key header and retries, not a hand-written imitation of them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Analytics } from '@segment/analytics-node';
import { afterEach, describe, expect, it } from 'vitest';
import { toNodeListener } from '../adapters/node.js';
import { flakyCollector, type FlakyCollector } from '../flaky-collector.fixture.js';
import { KEYED, testHandler } from '../handler.fixture.js';

let server: Server | undefined;
let running: FlakyCollector | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await running?.close();
  server = running = undefined;
});

describe('@segment/analytics-node against the collector', () => {
  it('stores track, page, identify and group calls sent by the real client, mapped onto touchpoints', async () => {
    const { handler, store } = testHandler();
    server = createServer(toNodeListener(handler));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const analytics = new Analytics({ writeKey: KEYED.writeKey!, host, flushAt: 3, maxRetries: 1 });
    const errors: unknown[] = [];
    analytics.on('error', (e) => errors.push(e));
    analytics.track({ userId: 'u-42', event: 'Order Completed', properties: { revenue: 99.5, currency: 'EUR' }, context: { ip: '198.51.100.7' } });
    analytics.page({ anonymousId: 'anon-7', name: 'Pricing', properties: { url: 'https://keyed.test/pricing?utm_source=newsletter&utm_medium=email', path: '/pricing', title: 'Pricing' } });
    analytics.identify({ userId: 'u-42', traits: { plan: 'pro' } });
    analytics.group({ userId: 'u-42', groupId: 'acme', traits: { seats: 12 } });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(errors).toEqual([]);
    const rows = await store.query<Record<string, unknown>>('SELECT site, name, user_id, anonymous_id, channel, ip, json_extract(data, ?) AS lib FROM events ORDER BY name', ['$.sdk.name']);
    expect(rows).toEqual([
      { site: 'keyed', name: 'group', user_id: 'u-42', anonymous_id: null, channel: 'direct', ip: '127.0.0.0', lib: '@segment/analytics-node' },
      { site: 'keyed', name: 'identify', user_id: 'u-42', anonymous_id: null, channel: 'direct', ip: '127.0.0.0', lib: '@segment/analytics-node' },
      { site: 'keyed', name: 'page_view', user_id: null, anonymous_id: 'anon-7', channel: 'email', ip: '127.0.0.0', lib: '@segment/analytics-node' },
      { site: 'keyed', name: 'purchase', user_id: 'u-42', anonymous_id: null, channel: 'direct', ip: '198.51.100.0', lib: '@segment/analytics-node' },
    ]);
  });

  it('delivers through an outage (a 500, then the store away → 503 + Retry-After): batches retried with X-Retry-Count, every event stored once', async () => {
    // The 503 is the handler's own answer to a store whose write really fails, not a canned one.
    running = await flakyCollector({ sites: [KEYED], faults: [500, 503] });
    const { store, seen, url: host } = running;
    // flushAt 3: six calls make two batches. analytics-node 3.1 has no compression option (it always
    // sends plain JSON); its backoff after a 5xx is 1–2 s, then 2–4 s — a Retry-After on a 503 is not
    // read (only on a 429), so the outage costs the test a few seconds.
    const analytics = new Analytics({ writeKey: KEYED.writeKey!, host, flushAt: 3, flushInterval: 200, maxRetries: 4 });
    const errors: unknown[] = [];
    analytics.on('error', (e) => errors.push(e));
    // What the client itself read from each answer.
    const answers: Array<{ status: number; headers: Record<string, string>; ids: string[] }> = [];
    analytics.on('http_response', (r) => answers.push({ status: r.status, headers: r.headers, ids: JSON.parse(String(r.body)).batch.map((m: { messageId: string }) => m.messageId) }));
    // Two calls with their own past timestamp (a backfill): stored at that time, not when they arrived.
    const past = Date.now() - 2 * 3_600_000;
    const called = Date.now();
    analytics.track({ userId: 'u-42', event: 'Order Completed', properties: { order_id: 'B-7', revenue: 99.5 }, timestamp: new Date(past) });
    analytics.track({ anonymousId: 'anon-7', event: 'Checkout Started', properties: { value: 99.5 } });
    analytics.page({ anonymousId: 'anon-7', name: 'Pricing', properties: { url: 'https://keyed.test/pricing', path: '/pricing' }, timestamp: new Date(past + 1_000) });
    analytics.identify({ userId: 'u-42', anonymousId: 'anon-7', traits: { plan: 'pro' } });
    analytics.alias({ userId: 'u-42', previousId: 'anon-7' });
    analytics.group({ userId: 'u-42', groupId: 'acme' });
    const calledEnd = Date.now();
    await analytics.closeAndFlush({ timeout: 25_000 });
    expect(errors).toEqual([]);

    // Two batches, two faults: four POSTs — the two first tries without X-Retry-Count, the two retries
    // with it (1 and 1 when each batch met a fault, 1 and 2 when one batch met both) — and the 503 was
    // the handler's own, with Retry-After.
    expect(seen.map((s) => s.status).sort()).toEqual([200, 200, 500, 503]);
    expect(answers.find((a) => a.status === 503)!.headers['retry-after']).toMatch(/^\d+$/);
    expect(seen.filter((s) => s.headers['x-retry-count'] === undefined)).toHaveLength(2);
    expect(['1,1', '1,2']).toContain(seen.flatMap((s) => s.headers['x-retry-count'] ?? []).sort().join(','));
    expect(seen.at(-1)!.status).toBe(200);
    // analytics-node 3.1 never compresses (no option for it): plain JSON, which is what this pins.
    expect(seen.map((s) => [s.headers['content-type'], s.headers['content-encoding']])).toEqual(seen.map(() => ['application/json', undefined]));

    const rows = await store.query<{ id: string; name: string; user_id: string | null; anonymous_id: string | null; ts: number; received_at: number; data: string }>('SELECT id, name, user_id, anonymous_id, ts, received_at, data FROM events ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(['alias', 'begin_checkout', 'group', 'identify', 'page_view', 'purchase']);
    // exactly once: each message in exactly one batch answered 200, and that is its stored row
    expect(answers.filter((a) => a.status === 200).flatMap((a) => a.ids).sort()).toEqual(rows.map((r) => r.id).sort());
    const by = Object.fromEntries(rows.map((r) => [r.name, { ...r, data: JSON.parse(r.data) }]));
    expect([by.purchase!.user_id, by.begin_checkout!.user_id, by.identify!.user_id, by.alias!.user_id, by.group!.user_id]).toEqual(['u-42', null, 'u-42', 'u-42', 'u-42']);
    expect([by.begin_checkout!.anonymous_id, by.page_view!.anonymous_id, by.identify!.anonymous_id]).toEqual(['anon-7', 'anon-7', 'anon-7']);
    // The identity work links the two ids through alias: previousId must survive the mapping.
    expect(by.alias!.data).toMatchObject({ name: 'alias', userId: 'u-42', properties: { previousId: 'anon-7' } });
    // ts is the call's time (corrected only by the few ms between the try's fresh sentAt and its
    // arrival), never the arrival after the retries, which came a second or more later.
    expect(Math.abs(by.purchase!.ts - past)).toBeLessThan(250);
    expect(Math.abs(by.page_view!.ts - (past + 1_000))).toBeLessThan(250);
    for (const name of ['begin_checkout', 'identify', 'alias', 'group']) {
      expect(by[name]!.ts, name).toBeGreaterThanOrEqual(called);
      expect(by[name]!.ts, name).toBeLessThanOrEqual(calledEnd + 250);
    }
    expect(Math.max(...rows.map((r) => r.received_at)) - calledEnd).toBeGreaterThan(900);
    await store.close();
  });
});
