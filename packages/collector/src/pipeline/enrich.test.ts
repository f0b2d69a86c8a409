import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log.js';
import { pageView, post, testHandler } from '../handler.fixture.js';
import { enrichEvent, type RequestContext } from './enrich.js';

const NOW = 1_750_000_000_000;
const ctx = (over: Partial<RequestContext> = {}): RequestContext => ({ site: { id: 'shop', origins: [] }, receivedAt: NOW, ipPolicy: { mode: 'truncate' }, ...over });

describe('enrichEvent', () => {
  it('corrects skew from sentAt and keeps the corrected time in the stored JSON too', () => {
    const r = enrichEvent({ id: 'e', name: 'page_view', ts: NOW - 3_600_000 - 500 }, ctx({ sentAt: NOW - 3_600_000 }));
    expect(r.ok && r.row.ts).toBe(NOW - 500);
    expect(r.ok && JSON.parse(r.row.data).ts).toBe(NOW - 500);
  });

  it('refuses events older than 30 days or more than a day ahead after correction', () => {
    expect(enrichEvent({ id: 'e', name: 'a', ts: NOW - 31 * 86_400_000 }, ctx())).toMatchObject({ ok: false, code: 'too_old' });
    expect(enrichEvent({ id: 'e', name: 'a', ts: NOW + 2 * 86_400_000 }, ctx())).toMatchObject({ ok: false, code: 'in_future' });
    // A client clock two days fast is fine once skew is corrected.
    expect(enrichEvent({ id: 'e', name: 'a', ts: NOW + 2 * 86_400_000 }, ctx({ sentAt: NOW + 2 * 86_400_000 })).ok).toBe(true);
  });

  it('assigns the stage from the site override, else the built-in default, else the SDK', () => {
    const site = { id: 'shop', origins: [], stages: { page_view: { phase: 'after', p5: 'post' } as const } };
    const row = (name: string, stage?: object) => {
      const r = enrichEvent({ id: 'e', name, ts: NOW, ...(stage ? { stage } : {}) } as never, ctx({ site }));
      return r.ok ? [r.row.phase, r.row.p5] : undefined;
    };
    expect(row('page_view')).toEqual(['after', 'post']);
    expect(row('purchase')).toEqual(['during', 'prime']);
    expect(row('wishlist_add', { phase: 'before', p5: 'pivotal' })).toEqual(['before', 'pivotal']);
    expect(row('wishlist_add')).toEqual([null, null]);
  });

  it('reads UTM and click id from the page URL when the event has no campaign', () => {
    const r = enrichEvent({ id: 'e', name: 'page_view', ts: NOW, page: { url: 'https://shop.test/?utm_source=google&utm_medium=cpc&utm_campaign=spring&gclid=abc', path: '/' } }, ctx());
    expect(r.ok && r.row).toMatchObject({ channel: 'paid_search', utmSource: 'google', utmMedium: 'cpc', utmCampaign: 'spring', clickIdParam: 'gclid' });
  });
});

describe('enrichment through the handler', () => {
  it('stores browser, OS, device, bot flag, channel and the truncated IP — never the raw one', async () => {
    const { handler, store } = testHandler({ log: silentLogger });
    const ua = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
    await handler(post('/v1/touchpoints', { site: 'shop', events: [pageView({ page: { url: 'https://shop.test/', path: '/', referrer: 'https://www.bing.com/' } })] }, { 'user-agent': ua }), { clientIp: '198.51.100.99' });
    await handler(post('/v1/touchpoints', { site: 'shop', events: [pageView({ sessionId: 'bot-session' })] }, { 'user-agent': 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)' }), { clientIp: '2001:db8:aaaa:bbbb::5' });
    const rows = await store.query<Record<string, unknown>>('SELECT browser, os, device, is_bot, channel, ip FROM events ORDER BY is_bot');
    expect(rows[0]).toEqual({ browser: 'Chrome', os: 'Android', device: 'mobile', is_bot: 0, channel: 'organic_search', ip: '198.51.100.0' });
    expect(rows[1]).toMatchObject({ is_bot: 1, channel: 'direct', ip: '2001:db8:aaaa::' });
    const raw = await store.query('SELECT COUNT(*) AS n FROM events WHERE ip LIKE ? OR data LIKE ?', ['%.99', '%198.51.100.99%']);
    expect(raw).toEqual([{ n: 0 }]);
  });

  it('drops IPs entirely when configured', async () => {
    const { handler, store } = testHandler({ ip: { mode: 'drop' } });
    await handler(post('/v1/touchpoints', { site: 'shop', events: [pageView()] }), { clientIp: '198.51.100.99' });
    expect(await store.query('SELECT ip FROM events')).toEqual([{ ip: null }]);
  });

  it('takes the client IP from X-Forwarded-For only with trustProxy', async () => {
    const { handler, store } = testHandler({ trustProxy: true });
    await handler(post('/v1/touchpoints', { site: 'shop', events: [pageView()] }, { 'x-forwarded-for': '203.0.113.9, 10.0.0.1' }), { clientIp: '10.0.0.1' });
    const plain = testHandler();
    await plain.handler(post('/v1/touchpoints', { site: 'shop', events: [pageView()] }, { 'x-forwarded-for': '203.0.113.9' }), { clientIp: '10.0.0.1' });
    expect(await store.query('SELECT ip FROM events')).toEqual([{ ip: '203.0.113.0' }]);
    expect(await plain.store.query('SELECT ip FROM events')).toEqual([{ ip: '10.0.0.0' }]);
  });
});
