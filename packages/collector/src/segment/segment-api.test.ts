import { describe, expect, it } from 'vitest';
import { count, json, KEYED, post, testHandler, uuid7 } from '../handler.fixture.js';
import { touchpointNameOf } from './map-message.js';

const KEY = KEYED.writeKey!;
const basic = (user: string) => `Basic ${Buffer.from(`${user}:`).toString('base64')}`;
const iso = (ms = Date.now()) => new Date(ms).toISOString();
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';

// What analytics.js (analytics-next) sends for analytics.track(): one message to /v1/t as text/plain,
// the write key inside the body.
function ajsTrack(event: string, over: Record<string, unknown> = {}) {
  return {
    timestamp: iso(), integrations: {}, type: 'track', event, properties: { revenue: 42 },
    messageId: `ajs-next-${Date.now()}-${uuid7()}`, anonymousId: 'a2f1c8e0-anon', userId: null,
    context: {
      page: { path: '/checkout', referrer: 'https://www.google.com/', search: '?utm_source=google&utm_medium=cpc', title: 'Checkout', url: 'https://keyed.test/checkout?utm_source=google&utm_medium=cpc' },
      userAgent: UA, locale: 'en-US', library: { name: 'analytics.js', version: 'next-1.70.0' },
      campaign: { name: 'spring', source: 'google', medium: 'cpc' },
    },
    writeKey: KEY, sentAt: iso(), _metadata: { bundled: ['Segment.io'], unbundled: [] },
    ...over,
  };
}

// What @segment/analytics-node sends: a batch to /v1/batch, write key as basic-auth user.
function nodeBatch(messages: object[]) {
  return { batch: messages, sentAt: iso() };
}

describe('Segment HTTP Tracking API', () => {
  it('maps Segment spec event names onto touchpoints and others to snake_case', () => {
    expect(touchpointNameOf('Order Completed')).toBe('purchase');
    expect(touchpointNameOf('Checkout Started')).toBe('begin_checkout');
    expect(touchpointNameOf('Signed Up')).toBe('sign_up');
    expect(touchpointNameOf('Product Added to Wishlist')).toBe('product_added_to_wishlist');
  });

  it('accepts analytics.js track on /v1/t as text/plain with the write key in the body', async () => {
    const { handler, store } = testHandler();
    const msg = ajsTrack('Order Completed');
    const res = await handler(post('/v1/t', JSON.stringify(msg), { 'content-type': 'text/plain', origin: 'https://keyed.test' }));
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ success: true, accepted: 1, duplicates: 0, rejected: [] });
    const [row] = await store.query<Record<string, unknown>>('SELECT site, id, name, anonymous_id, user_id, path, title, referrer, utm_campaign, channel, browser, phase, p5, data FROM events');
    expect(row).toMatchObject({ site: 'keyed', id: msg.messageId, name: 'purchase', anonymous_id: 'a2f1c8e0-anon', user_id: null, path: '/checkout', title: 'Checkout', referrer: 'https://www.google.com/', utm_campaign: 'spring', channel: 'paid_search', browser: 'Safari', phase: 'during', p5: 'prime' });
    // The e-commerce spec read back (segment/ecommerce.ts): revenue kept, and the purchase's value and step.
    expect(JSON.parse(String(row!.data)).properties).toEqual({ revenue: 42, value: 42, step: 'purchase', step_number: 4, segmentEvent: 'Order Completed' });
  });

  it('accepts analytics.js page (/v1/p) and identify (/v1/i)', async () => {
    const { handler, store } = testHandler();
    const page = { ...ajsTrack('x'), type: 'page', event: undefined, name: 'Home', properties: { path: '/', url: 'https://keyed.test/', title: 'Home', referrer: '' } };
    const identify = { ...ajsTrack('x'), type: 'identify', event: undefined, userId: 'user-7', traits: { email: 'a@b.test' } };
    expect((await handler(post('/v1/p', JSON.stringify(page), { 'content-type': 'text/plain', origin: 'https://keyed.test' }))).status).toBe(200);
    expect((await handler(post('/v1/i', JSON.stringify(identify), { 'content-type': 'text/plain', origin: 'https://keyed.test' }))).status).toBe(200);
    const rows = await store.query<Record<string, unknown>>('SELECT name, user_id, json_extract(data, ?) AS email FROM events ORDER BY name', ['$.traits.email']);
    expect(rows).toEqual([{ name: 'identify', user_id: 'user-7', email: 'a@b.test' }, { name: 'page_view', user_id: null, email: null }]);
  });

  it('accepts an analytics-node batch on /v1/batch with basic auth and uses each message context', async () => {
    const { handler, store } = testHandler();
    const messages = [
      { type: 'track', event: 'Signed Up', userId: 'u1', messageId: `node-next-${uuid7()}`, timestamp: iso(), properties: { plan: 'pro' }, context: { library: { name: '@segment/analytics-node', version: '2.1.3' }, ip: '203.0.113.50', userAgent: UA }, integrations: {}, _metadata: { jsRuntime: 'node' } },
      { type: 'identify', userId: 'u1', messageId: `node-next-${uuid7()}`, timestamp: iso(), traits: { name: 'Ada' }, context: { library: { name: '@segment/analytics-node', version: '2.1.3' } } },
      { type: 'group', userId: 'u1', groupId: 'acme', messageId: `node-next-${uuid7()}`, timestamp: iso(), traits: { plan: 'enterprise' } },
    ];
    const req = post('/v1/batch', nodeBatch(messages), { authorization: basic(KEY), 'user-agent': 'analytics-node-next/latest' });
    req.headers.delete('origin');
    const res = await handler(req, { clientIp: '10.1.2.3' });
    expect(await json(res)).toMatchObject({ accepted: 3, rejected: [] });
    const rows = await store.query<Record<string, unknown>>('SELECT name, user_id, ip, browser, json_extract(data, ?) AS lib FROM events ORDER BY name', ['$.sdk.name']);
    expect(rows).toEqual([
      { name: 'group', user_id: 'u1', ip: '10.1.2.0', browser: null, lib: null },
      { name: 'identify', user_id: 'u1', ip: '10.1.2.0', browser: null, lib: '@segment/analytics-node' },
      // The end user's IP and UA from context win over the sending server's.
      { name: 'sign_up', user_id: 'u1', ip: '203.0.113.0', browser: 'Safari', lib: '@segment/analytics-node' },
    ]);
  });

  it('dedupes a retried Segment batch by messageId', async () => {
    const { handler, store } = testHandler();
    const body = nodeBatch([{ type: 'track', event: 'Clicked', messageId: 'm-1', anonymousId: 'a', timestamp: iso() }]);
    await handler(post('/v1/b', body, { authorization: basic(KEY), origin: 'https://keyed.test' }));
    const again = await handler(post('/v1/b', body, { authorization: basic(KEY), origin: 'https://keyed.test' }));
    expect(await json(again)).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await count(store)).toBe(1);
  });

  it('stores analytics.js alias (/v1/a) as an alias touchpoint with both ids: userId and previousId', async () => {
    // What the identity work links: the new user id and the id it replaces (analytics.js fills
    // previousId with the anonymous id when the page gives none).
    const { handler, store } = testHandler();
    const alias = { ...ajsTrack('x'), type: 'alias', event: undefined, properties: undefined, userId: 'user-7', previousId: 'a2f1c8e0-anon' };
    expect((await handler(post('/v1/a', JSON.stringify(alias), { 'content-type': 'text/plain', origin: 'https://keyed.test' }))).status).toBe(200);
    const [row] = await store.query<Record<string, unknown>>('SELECT name, user_id, anonymous_id, data FROM events');
    expect(row).toMatchObject({ name: 'alias', user_id: 'user-7', anonymous_id: 'a2f1c8e0-anon' });
    expect(JSON.parse(String(row!.data)).properties).toEqual({ previousId: 'a2f1c8e0-anon' });
  });

  it('refuses a missing or unknown write key with 403, an unusable event name per message', async () => {
    const { handler, store } = testHandler();
    const msg = ajsTrack('Signed Up', { writeKey: undefined });
    expect((await handler(post('/v1/t', JSON.stringify(msg), { origin: 'https://keyed.test' }))).status).toBe(403);
    expect((await handler(post('/v1/t', JSON.stringify({ ...msg, writeKey: 'nope' }), { origin: 'https://keyed.test' }))).status).toBe(403);
    const mixed = { batch: [ajsTrack('Signed Up'), ajsTrack('!!!'), ajsTrack('Order Completed', { timestamp: 'not a date', sentAt: undefined })], writeKey: KEY };
    const res = await handler(post('/v1/batch', mixed, { origin: 'https://keyed.test' }));
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([{ index: 1, id: mixed.batch[1]!.messageId, reason: 'name: must match ^[a-z][a-z0-9_]{0,63}$' }]);
    expect(await count(store)).toBe(2);
  });

  it('answers 400 for a batch body without a batch array', async () => {
    const { handler } = testHandler();
    const res = await handler(post('/v1/batch', { writeKey: KEY, messages: [] }, { origin: 'https://keyed.test' }));
    expect(res.status).toBe(400);
    expect((await json(res)).error).toBe('batch: must be an array of messages');
  });
});
