// The real @rudderstack/rudder-sdk-node client against the collector over HTTP, the collector as its data
// plane: its batching, gzip bodies, basic-auth write key and axios-retry retries, not an imitation of them.
import { gunzipSync } from 'node:zlib';
import Analytics from '@rudderstack/rudder-sdk-node';
import { afterEach, describe, expect, it } from 'vitest';
import { flakyCollector, type Fault, type FlakyCollector } from '../flaky-collector.fixture.js';
import { KEYED } from '../handler.fixture.js';
import type { Store } from '../store/types.js';
/** One message as the client put it in a batch (the fields compared). */
interface SentMessage {
  messageId: string;
  type: string;
  event?: string;
  userId?: string;
  anonymousId?: string;
  previousId?: string;
  timestamp?: string;
  originalTimestamp?: string;
}

let running: FlakyCollector | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** The collector on a loopback port, failing its next POSTs as `faults` says (the 503 is its own), logging every request. */
async function collector(faults: Fault[]) {
  running = await flakyCollector({ sites: [KEYED], faults });
  return { url: running.url, store: running.store, seen: running.seen };
}

/**
 * The client with short waits: a flush every 100 ms, at most 3 messages a batch, retries after 50 ms
 * instead of axios-retry's exponential delay (which honours Retry-After: the collector's 503 says 5 s).
 */
function client(dataPlaneUrl: string) {
  const retryAfters: (string | undefined)[] = [];
  const errors: unknown[] = [];
  const analytics = new Analytics(KEYED.writeKey!, {
    dataPlaneUrl,
    flushAt: 3,
    flushInterval: 100,
    retryCount: 3,
    logLevel: 'none',
    axiosRetryConfig: {
      retryDelay: (_attempt: number, error: { response?: { headers: Record<string, string> } }) => {
        retryAfters.push(error.response?.headers['retry-after']);
        return 50;
      },
    },
    errorHandler: (e: unknown) => errors.push(e),
  });
  // Each call's callback gets the batch it went in, gzipped as sent: decoded, that is what the client put on the wire.
  const sent = new Map<string, SentMessage>();
  let callbacks = 0;
  let allDone = () => {};
  // flush() resolves with its own batch only; the calls' callbacks say when every batch has been answered
  const delivered = (calls: number) => new Promise<void>((r) => (callbacks >= calls ? r() : (allDone = () => callbacks >= calls && r())));
  const done = (err?: Error, data?: unknown) => {
    if (err) errors.push(err);
    const body = Buffer.isBuffer(data) ? (JSON.parse(gunzipSync(data).toString('utf8')) as { batch: SentMessage[] }) : undefined;
    for (const m of body?.batch ?? []) sent.set(m.messageId, m);
    callbacks++;
    allDone();
  };
  return { analytics, done, delivered, sent, retryAfters, errors };
}

const HOUR = 3_600_000;

/** The calls, each timed; one carries its own timestamp an hour back (a backfill). */
function send(c: ReturnType<typeof client>) {
  const { analytics: a, done } = c;
  const backfilled = new Date(Date.now() - HOUR);
  const before = Date.now();
  a.track({ userId: 'u-42', event: 'Order Completed', properties: { order_id: 'N-7', revenue: 99.5, currency: 'EUR' } }, done);
  a.page({ anonymousId: 'anon-7', name: 'Pricing', properties: { url: 'https://keyed.test/pricing?utm_source=newsletter&utm_medium=email&utm_campaign=winter', path: '/pricing', title: 'Pricing' } }, done);
  a.identify({ userId: 'u-42', anonymousId: 'anon-7', traits: { plan: 'pro' } }, done);
  a.alias({ previousId: 'anon-7', userId: 'u-42' }, done);
  a.track({ userId: 'u-42', event: 'Signed Up', timestamp: backfilled }, done);
  a.group({ userId: 'u-42', groupId: 'acme', traits: { seats: 12 } }, done);
  return { before, after: Date.now(), backfilled: backfilled.getTime() };
}

async function rows(store: Store) {
  return store.query<Record<string, unknown>>(
    'SELECT id, name, ts, user_id, anonymous_id, utm_campaign, channel, json_extract(data, ?) AS previous_id, json_extract(data, ?) AS lib FROM events ORDER BY name',
    ['$.properties.previousId', '$.sdk.name'],
  );
}

const MAPPED = [
  { name: 'alias', user_id: 'u-42', anonymous_id: null, utm_campaign: null, channel: 'direct', previous_id: 'anon-7', lib: 'analytics-node' },
  { name: 'group', user_id: 'u-42', anonymous_id: null, utm_campaign: null, channel: 'direct', previous_id: null, lib: 'analytics-node' },
  { name: 'identify', user_id: 'u-42', anonymous_id: 'anon-7', utm_campaign: null, channel: 'direct', previous_id: null, lib: 'analytics-node' },
  { name: 'page_view', user_id: null, anonymous_id: 'anon-7', utm_campaign: 'winter', channel: 'email', previous_id: null, lib: 'analytics-node' },
  { name: 'purchase', user_id: 'u-42', anonymous_id: null, utm_campaign: null, channel: 'direct', previous_id: null, lib: 'analytics-node' },
  { name: 'sign_up', user_id: 'u-42', anonymous_id: null, utm_campaign: null, channel: 'direct', previous_id: null, lib: 'analytics-node' },
];

/** Every stored row is one message the client sent, at the time it stamped (skew-corrected: within a second here). */
function expectTimesAndIds(stored: Record<string, unknown>[], sent: Map<string, SentMessage>, t: ReturnType<typeof send>) {
  expect(stored.map((r) => r.id).sort()).toEqual([...sent.keys()].sort());
  for (const row of stored) {
    const msg = sent.get(row.id as string)!;
    const clientTime = Date.parse(msg.timestamp ?? msg.originalTimestamp!);
    expect(Math.abs((row.ts as number) - clientTime), `${row.name} ts`).toBeLessThan(1000);
    if (row.name === 'sign_up') expect(clientTime).toBe(t.backfilled);
    else {
      expect(clientTime).toBeGreaterThanOrEqual(t.before);
      expect(clientTime).toBeLessThanOrEqual(t.after);
    }
  }
}

describe('@rudderstack/rudder-sdk-node against the collector', () => {
  it('stores what the real client sends, gzipped batches on /v1/batch, mapped onto touchpoints', async () => {
    const { url, store, seen } = await collector([]);
    const c = client(url);
    const t = send(c);
    await c.delivered(6);
    expect(c.errors).toEqual([]);
    const stored = await rows(store);
    expect(stored.map(({ id: _id, ts: _ts, ...r }) => r)).toEqual(MAPPED);
    expectTimesAndIds(stored, c.sent, t);
    // batching: the first call goes at once, then at most flushAt (3) per batch
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.length).toBeLessThan(6);
    for (const s of seen) {
      expect([s.path, s.status, s.headers['content-encoding'], s.headers.authorization]).toEqual(['/v1/batch', 200, 'gzip', `Basic ${Buffer.from(`${KEYED.writeKey}:`).toString('base64')}`]);
      expect(s.headers['user-agent']).toBe('analytics-node/3.0.13');
    }
  });

  it('through an outage (a 500, then the collector’s own 503 with Retry-After): retried, every message stored once', async () => {
    const { url, store, seen } = await collector([500, 503]);
    const c = client(url);
    const t = send(c);
    await c.delivered(6);
    expect(c.errors).toEqual([]);
    const stored = await rows(store);
    expect(stored.map(({ id: _id, ts: _ts, ...r }) => r)).toEqual(MAPPED);
    expectTimesAndIds(stored, c.sent, t);
    expect(seen.map((s) => s.status).slice(0, 3)).toEqual([500, 503, 200]);
    expect(seen.slice(3).every((s) => s.status === 200)).toBe(true);
    // the 503's Retry-After reached the client (a 500 carries none); our retryDelay kept the wait short
    expect(c.retryAfters).toEqual([undefined, '5']);
    // the retries re-sent the same gzipped batch: nothing stored twice, nothing lost
    expect(new Set(stored.map((r) => r.id)).size).toBe(6);
  });
});
