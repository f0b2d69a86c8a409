// The real @segment/analytics-node client against the collector over HTTP: its own wire format,
// batching, write key header and retries, not a hand-written imitation of them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Analytics } from '@segment/analytics-node';
import { afterEach, describe, expect, it } from 'vitest';
import { toNodeListener } from '../adapters/node-http';
import { KEYED, testHandler } from '../test-helpers';

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

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
});
