// The collector's answers to what RudderStack's SDKs send, by payload shape (the real clients run in
// rudder-node-client.test.ts and test/e2e/rudderstack-js.test.ts): the beacon route and its
// query-string write key, and the context fields RudderStack fills differently from Segment.
import { describe, expect, it } from 'vitest';
import { count, json, KEYED, post, testHandler, uuid7 } from '../handler.fixture.js';

const KEY = KEYED.writeKey!;
const ORIGIN = { origin: 'https://keyed.test', 'content-type': 'text/plain;charset=UTF-8' };
const iso = (ms = Date.now()) => new Date(ms).toISOString();

// One message as RudderStack JS v3 builds it (trimmed to the fields the mapping reads, plus a few it must ignore).
function rudderPage(over: Record<string, unknown> = {}) {
  const url = 'https://keyed.test/shoes?utm_source=google&utm_medium=cpc&utm_campaign=spring';
  const page = { path: '/shoes', referrer: '$direct', referring_domain: '', search: '?utm_source=google&utm_medium=cpc&utm_campaign=spring', title: 'Shoes', url, tab_url: url, initial_referrer: '$direct', initial_referring_domain: '' };
  return {
    type: 'page', channel: 'web', messageId: uuid7(), anonymousId: 'rs-anon-1', userId: '', properties: { ...page },
    context: { sessionId: 1796347896934, sessionStart: true, library: { name: 'RudderLabs JavaScript SDK', version: '3.34.1', variant: 'bundled' }, campaign: { source: 'google', medium: 'cpc', name: 'spring' }, page, traits: {} },
    originalTimestamp: iso(), sentAt: iso(), integrations: { All: true },
    ...over,
  };
}

describe('RudderStack beacon batches: POST /beacon/v1/batch?writeKey=…', () => {
  it('stores a beacon batch sent as text/plain with the write key in the query string', async () => {
    const { handler, store } = testHandler();
    const res = await handler(post(`/beacon/v1/batch?writeKey=${KEY}`, { batch: [rudderPage(), rudderPage()], sentAt: iso() }, ORIGIN));
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ success: true, accepted: 2, duplicates: 0, rejected: [] });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://keyed.test');
    expect(await count(store, 'site = ?', ['keyed'])).toBe(2);
  });

  it('refuses a beacon without a write key, or with a wrong one, with a 403', async () => {
    const { handler, store } = testHandler();
    const missing = await handler(post('/beacon/v1/batch', { batch: [rudderPage()] }, ORIGIN));
    expect(missing.status).toBe(403);
    expect((await json(missing)).error).toMatch(/missing write key/);
    const wrong = await handler(post('/beacon/v1/batch?writeKey=wk_nope', { batch: [rudderPage()] }, ORIGIN));
    expect(wrong.status).toBe(403);
    expect((await json(wrong)).error).toMatch(/unknown site/);
    expect(await count(store)).toBe(0);
  });

  it('refuses a write key given twice with a 400 naming it, and a body that is no batch with a 400', async () => {
    const { handler } = testHandler();
    const twice = await handler(post(`/beacon/v1/batch?writeKey=${KEY}&writeKey=${KEY}`, { batch: [rudderPage()] }, ORIGIN));
    expect(twice.status).toBe(400);
    expect((await json(twice)).error).toBe('writeKey: given more than once in the query string');
    const noBatch = await handler(post(`/beacon/v1/batch?writeKey=${KEY}`, rudderPage(), ORIGIN));
    expect(noBatch.status).toBe(400);
    expect((await json(noBatch)).error).toMatch(/batch: must be an array/);
  });

  it('takes the query-string key on the beacon path only: /v1/batch?writeKey= still needs basic auth or a body key', async () => {
    const { handler } = testHandler();
    const res = await handler(post(`/v1/batch?writeKey=${KEY}`, { batch: [rudderPage()] }, ORIGIN));
    expect(res.status).toBe(403);
  });

  it('answers the beacon path like the other ingestion paths: preflight 204, GET 405', async () => {
    const { handler } = testHandler();
    const pre = await handler(new Request('http://collector.test/beacon/v1/batch?writeKey=x', { method: 'OPTIONS', headers: { origin: 'https://keyed.test', 'access-control-request-method': 'POST' } }));
    expect(pre.status).toBe(204);
    expect((await handler(new Request('http://collector.test/beacon/v1/batch'))).status).toBe(405);
  });
});

describe('RudderStack messages mapped onto touchpoints', () => {
  it('reads "$direct" as no referrer and keeps the session id and UTM campaign', async () => {
    const { handler, store } = testHandler();
    const msg = rudderPage();
    const res = await handler(post('/v1/page', msg, { ...ORIGIN, authorization: `Basic ${Buffer.from(`${KEY}:`).toString('base64')}` }));
    expect(res.status).toBe(200);
    const [row] = await store.query<Record<string, unknown>>('SELECT name, anonymous_id, user_id, session_id, referrer, channel, utm_campaign, json_extract(data, ?) AS ref FROM events', ['$.page.referrer']);
    expect(row).toEqual({ name: 'page_view', anonymous_id: 'rs-anon-1', user_id: null, session_id: '1796347896934', referrer: null, channel: 'paid_search', utm_campaign: 'spring', ref: null });
  });

  it('keeps a real referrer from a RudderStack page', async () => {
    const { handler, store } = testHandler();
    const msg = rudderPage();
    (msg.context.page as Record<string, unknown>).referrer = 'https://www.bing.com/';
    await handler(post(`/beacon/v1/batch?writeKey=${KEY}`, { batch: [{ ...msg, context: { ...msg.context, campaign: {} } }] }, ORIGIN));
    const [row] = await store.query<Record<string, unknown>>('SELECT referrer FROM events');
    expect(row).toEqual({ referrer: 'https://www.bing.com/' });
  });
});
