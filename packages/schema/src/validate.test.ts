import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits.js';
import { hasLoneSurrogate, parseIsoDateTime, utf8Length, validateBatch, validateEvent } from './validate.js';

const base = { id: '0190a6f0-0000-7000-8000-000000000001', name: 'page_view', ts: 1_700_000_000_000 };

describe('validateEvent', () => {
  it('accepts a minimal event and returns a clean copy without unknown fields', () => {
    const r = validateEvent({ ...base, extra: 'x', page: { url: 'https://a.test/p', path: '/p', title: 'T' } });
    expect(r).toEqual({ ok: true, event: { ...base, page: { url: 'https://a.test/p', path: '/p', title: 'T' } } });
  });

  it.each([
    [{ ...base, name: 'Page View' }, /^name: must match/],
    [{ ...base, id: '' }, /^id: must not be empty/],
    [{ ...base, id: 5 }, /^id: must be a string, got number/],
    [{ ...base, ts: 'now' }, /^ts: must be a positive number/],
    [{ ...base, ts: NaN }, /^ts: must be a positive number/],
    [{ ...base, stage: { phase: 'later', p5: 'post' } }, /^stage:/],
    [{ ...base, properties: [] }, /^properties: must be an object/],
    [{ ...base, properties: { n: Infinity } }, /^properties.n: must be a finite number/],
    [{ ...base, properties: { s: 'a'.repeat(LIMITS.maxStringLength + 1) } }, /longer than/],
    [{ ...base, properties: { s: 'bad \ud800 surrogate' } }, /lone surrogate/],
    [null, /^event: must be an object/],
  ])('refuses %j with a clear reason', (input, reason) => {
    const r = validateEvent(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it("keeps an e-mail link's token (`link`) as a string and refuses anything else", () => {
    expect(validateEvent({ ...base, link: 'abc.def' })).toMatchObject({ ok: true, event: { link: 'abc.def' } });
    expect(validateEvent({ ...base, link: null })).toMatchObject({ ok: true, event: expect.not.objectContaining({ link: expect.anything() }) });
    expect(validateEvent({ ...base, link: 42 })).toEqual({ ok: false, reason: 'link: must be a string, got number' });
    expect(validateEvent({ ...base, link: 'x'.repeat(4097) })).toEqual({ ok: false, reason: 'link: longer than 4096 characters' });
  });

  it('refuses prototype-pollution keys at any depth', () => {
    const hostile = JSON.parse('{"a":{"__proto__":{"polluted":1}}}');
    const r = validateEvent({ ...base, properties: hostile });
    expect(r).toEqual({ ok: false, reason: 'properties.a: forbidden key "__proto__"' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses nesting deeper than the limit', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 50; i++) deep = { d: deep };
    const r = validateEvent({ ...base, properties: deep });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/nested deeper than 6 levels/);
  });
});

describe('validateBatch', () => {
  it('keeps the valid events and lists each refused one with its index and reason', () => {
    const r = validateBatch({ site: 's', sentAt: 1_700_000_000_100, events: [base, { ...base, name: '!' }, { ...base, id: 'b' }] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.events.map((e) => e.id)).toEqual([base.id, 'b']);
    expect(r.rejected).toEqual([{ index: 1, id: base.id, reason: expect.stringMatching(/^name:/) }]);
  });

  it('refuses an event over the byte limit by index', () => {
    const big = { ...base, properties: { a: 'x'.repeat(8000), b: 'x'.repeat(8000), c: 'x'.repeat(8000), d: 'x'.repeat(8000), e: 'x'.repeat(1000) } };
    const r = validateBatch({ site: 's', events: [big] });
    expect(r.ok && r.rejected[0]?.reason).toMatch(/larger than 32768 bytes/);
  });

  it('measures the serialised size, escapes and multi-byte characters included, at the limit exactly', () => {
    // 6,000 control characters are 6,000 UTF-16 units but 36,000 bytes once escaped as \u0001.
    const escaped = { ...base, properties: { s: '\u0001'.repeat(6000) } };
    // Pad an event to exactly the limit with 3-byte characters, then one byte over it.
    const at = (extra: number) => {
      const e = { ...base, properties: { a: '€'.repeat(2000), b: '€'.repeat(2000), c: '€'.repeat(2000), d: '€'.repeat(2000), e: '' } };
      const room = LIMITS.maxEventBytes - utf8Length(JSON.stringify(e));
      e.properties.e = '€'.repeat(Math.floor(room / 3)) + 'x'.repeat((room % 3) + extra);
      return e;
    };
    const r = validateBatch({ site: 's', events: [escaped, at(0), at(1), { ...base, toJSON: 1 }] });
    expect(r.ok && r.rejected).toEqual([
      { index: 0, id: base.id, reason: 'event: larger than 32768 bytes' },
      { index: 2, id: base.id, reason: 'event: larger than 32768 bytes' },
    ]);
    expect(r.ok && r.events.length).toBe(2);
  });

  it('answers 413 for too many events and 400 for a malformed envelope', () => {
    expect(validateBatch({ site: 's', events: new Array(501).fill(base) })).toMatchObject({ ok: false, status: 413 });
    expect(validateBatch({ events: [] })).toMatchObject({ ok: false, status: 400, reason: /site/ });
    expect(validateBatch([])).toMatchObject({ ok: false, status: 400 });
    expect(validateBatch({ site: 's', events: {} })).toMatchObject({ ok: false, status: 400, reason: /events/ });
  });
});

describe('utf8Length', () => {
  it('counts UTF-8 bytes', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
  });
});

describe('hasLoneSurrogate', () => {
  it('finds high or low surrogates without their pair, anywhere in the string', () => {
    for (const bad of ['\ud800', 'a\ud800b', '\udc00', 'x\udc00', '\ud83d', '\ude00\ud83d', 'ok\ud83d\ud83d\ude00']) expect(hasLoneSurrogate(bad)).toBe(true);
    for (const good of ['', 'plain', 'é€', '😀', 'a😀b😀', '\ud83d\ude00']) expect(hasLoneSurrogate(good)).toBe(false);
  });
});

describe('ISO 8601 timestamps (ts, campaign.ts, sentAt), as the Segment API takes them', () => {
  const at = Date.UTC(2026, 0, 2, 3, 4, 5, 123);

  it.each([
    ['2026-01-02T03:04:05.123Z', at],
    ['2026-01-02t03:04:05.123z', at],
    ['2026-01-02T04:04:05.123+01:00', at],
    ['2026-01-01T22:34:05.123-0430', at],
    ['2026-01-02T03:04:05.123456789Z', at], // past milliseconds: cut
    ['2026-01-02T03:04:05,123Z', at], // ISO 8601's comma decimal sign
    ['2026-01-02T03:04:05Z', at - 123],
    ['2026-01-02T03:04Z', at - 5123],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('parses %s to ms', (iso, ms) => {
    expect(parseIsoDateTime(iso)).toBe(ms);
    expect(validateEvent({ ...base, ts: iso })).toEqual({ ok: true, event: { ...base, ts: ms } });
  });

  it('keeps taking ms since epoch', () => {
    expect(validateEvent({ ...base, ts: at })).toEqual({ ok: true, event: { ...base, ts: at } });
    expect(validateBatch({ site: 's', sentAt: at, events: [base] })).toMatchObject({ ok: true, sentAt: at });
  });

  it.each([
    ['yesterday', /^ts: must be a positive number of ms since epoch or an ISO 8601 date-time like 2026-01-02T03:04:05.000Z, got "yesterday"$/],
    ['', /^ts: must be .* got ""$/],
    ['2026-01-02', /^ts: must be .*ISO 8601/], // a date without a time is not an instant
    ['Fri, 02 Jan 2026 03:04:05 GMT', /^ts: must be .*ISO 8601/], // Date.parse takes it; the API does not
    ['2026-01-02T03:04:05', /^ts: ISO 8601 date-time needs a time zone \(Z or ±hh:mm\), got "2026-01-02T03:04:05"$/],
    ['2026-02-30T00:00:00Z', /^ts: is not a calendar date-time .* got "2026-02-30T00:00:00Z"$/],
    ['2025-02-29T00:00:00Z', /^ts: is not a calendar date-time/],
    ['2026-13-01T00:00:00Z', /^ts: is not a calendar date-time/],
    ['2026-01-02T24:00:00Z', /^ts: is not a calendar date-time/],
    ['2026-01-02T03:60:00Z', /^ts: is not a calendar date-time/],
    ['2026-01-02T03:04:05+25:00', /^ts: is not a calendar date-time/],
    ['1969-12-31T23:59:59Z', /^ts: must be a positive number of ms since epoch or an ISO 8601 date-time$/],
    [`2026-01-02T03:04:05Z${'x'.repeat(100)}`, new RegExp(`got "2026-01-02T03:04:05Z${'x'.repeat(20)}…"$`)], // long input is cut in the reason
  ])('refuses ts %j with a clear reason', (ts, reason) => {
    const r = validateEvent({ ...base, ts });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('parses campaign.ts too', () => {
    const r = validateEvent({ ...base, campaign: { source: 'google', ts: '2026-01-02T03:04:05.123Z' } });
    expect(r.ok && r.event.campaign).toEqual({ source: 'google', ts: at });
  });

  it('parses an ISO sentAt to ms and refuses a malformed one with 400 and the reason', () => {
    expect(validateBatch({ site: 's', sentAt: '2026-01-02T03:04:05.123Z', events: [{ ...base, ts: '2026-01-02T03:04:05.000Z' }] })).toMatchObject({ ok: true, sentAt: at, events: [{ ts: at - 123 }] });
    expect(validateBatch({ site: 's', sentAt: 'soon', events: [base] })).toEqual({ ok: false, status: 400, reason: 'sentAt: must be a positive number of ms since epoch or an ISO 8601 date-time like 2026-01-02T03:04:05.000Z, got "soon"' });
    expect(validateBatch({ site: 's', sentAt: '2026-01-02T03:04:05', events: [base] })).toMatchObject({ ok: false, status: 400, reason: /^sentAt: ISO 8601 date-time needs a time zone/ });
    expect(validateBatch({ site: 's', sentAt: -1, events: [base] })).toMatchObject({ ok: false, status: 400, reason: /^sentAt: must be a positive number/ });
  });
});
