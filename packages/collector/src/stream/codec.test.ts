import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../store/types.js';
import { decodeEvent, encodeEvent } from './codec.js';

const bytes = (text: string) => new TextEncoder().encode(text);

// A full row as the pipeline produces it: `data` is the clean event's JSON, with quotes, escapes,
// non-ASCII text and an escaped line break inside strings.
const event: StoredEvent = {
  site: 'shop.example',
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  name: 'page_view',
  ts: 1_733_000_000_123,
  receivedAt: 1_733_000_000_456,
  anonymousId: 'anon-1',
  userId: null,
  sessionId: 'sess-1',
  phase: 'before',
  p5: 'first_touch',
  channel: 'paid_search',
  url: 'https://shop.example/café?q="quoted"',
  path: '/café',
  title: 'Crème brûlée — “the best”\nsecond line',
  referrer: 'https://www.google.com/',
  utmSource: 'google',
  utmMedium: 'cpc',
  utmCampaign: 'spring',
  utmTerm: null,
  utmContent: null,
  clickIdParam: 'gclid',
  browser: 'Chrome',
  os: 'Linux',
  device: 'desktop',
  isBot: false,
  ip: '192.0.2.0',
  data: JSON.stringify({ id: '0190a1b2', name: 'page_view', page: { title: 'Crème brûlée — “the best”\nsecond line', url: 'https://shop.example/café?q="quoted"' }, properties: { emoji: '🛒' } }),
  metric: null,
  value: null,
};

describe('encodeEvent / decodeEvent', () => {
  it('round-trips a stored event through message bytes, data verbatim after the first line break', () => {
    const message = Buffer.from(encodeEvent(event));
    const text = message.toString('utf8');
    expect(text.slice(text.indexOf('\n') + 1)).toBe(event.data);
    expect(text.slice(0, text.indexOf('\n'))).not.toContain('"data"');
    expect(decodeEvent(message)).toEqual(event);
  });

  it('is smaller than the row as one JSON document, whose data quotes are escaped again', () => {
    expect(Buffer.byteLength(encodeEvent(event))).toBeLessThan(Buffer.byteLength(JSON.stringify(event)));
  });

  it('keeps the optional vitals columns', () => {
    const vitals = { ...event, name: 'web_vitals', metric: 'LCP', value: 1234.5 };
    expect(decodeEvent(Buffer.from(encodeEvent(vitals)))).toEqual(vitals);
  });

  it('keeps a verified identity claim (linkTo), which the loader links, and refuses a malformed one', () => {
    for (const linkTo of [{ via: 'cookie', anonymousId: 'first-aid' }, { via: 'email', userId: 'u-7' }] as const) {
      expect(decodeEvent(bytes(encodeEvent({ ...event, linkTo })))).toEqual({ ...event, linkTo });
    }
    expect(decodeEvent(bytes(encodeEvent({ ...event, linkTo: { via: 'guess' } as never })))).toBe('linkTo: not an identity claim');
    expect(decodeEvent(bytes(encodeEvent({ ...event, linkTo: { via: 'cookie', anonymousId: 7 } as never })))).toBe('linkTo: ids must be strings');
  });

  it('still reads the previous format, the whole row as one JSON document', () => {
    expect(decodeEvent(bytes(JSON.stringify(event)))).toEqual(event);
  });

  it('says why a message of either format is not a touchpoint', () => {
    const good = { site: 'shop', id: 'e1', name: 'page_view', channel: 'direct', data: '{}', ts: 1, receivedAt: 2, isBot: false };
    const legacy = (v: unknown) => bytes(JSON.stringify(v));
    const current = (v: Record<string, unknown>) => bytes(`${JSON.stringify({ ...v, data: undefined })}\n${String(v.data)}`);
    expect(decodeEvent(legacy(good))).toEqual(good);
    expect(decodeEvent(current(good))).toEqual(good);
    expect(decodeEvent(bytes('{oops'))).toBe('not JSON');
    expect(decodeEvent(bytes('{oops\n{}'))).toBe('not JSON before the first line break');
    expect(decodeEvent(bytes('null'))).toBe('not an object');
    expect(decodeEvent(bytes('[1]\n{}'))).toBe('not an object');
    for (const encode of [legacy, current]) {
      expect(decodeEvent(encode({ ...good, id: 5 }))).toBe('id: missing or not a string');
      expect(decodeEvent(encode({ ...good, ts: 'soon' }))).toBe('ts: missing or not a number');
      expect(decodeEvent(encode({ ...good, isBot: 0 }))).toBe('isBot: missing or not a boolean');
      expect(decodeEvent(encode({ ...good, data: 'not json' }))).toBe('data: not a JSON object');
    }
    expect(decodeEvent(legacy({ ...good, data: undefined }))).toBe('data: missing or not a string');
  });
});
