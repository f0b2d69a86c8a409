// The native API takes ISO 8601 timestamps where clients send them (batch sentAt, each event's ts), as
// Segment's API does: parsed to ms at the edge (the schema's validator), so skew correction and storage
// see the same numbers as for a batch sent in ms.
import { describe, expect, it } from 'vitest';
import { json, pageView, post, testHandler } from '../handler.fixture.js';

const RECEIVED = Date.UTC(2026, 0, 2, 3, 4, 5, 500);
const iso = (ms: number) => new Date(ms).toISOString();

describe('POST /v1/touchpoints with ISO 8601 timestamps', () => {
  it('stores ISO ts and sentAt as ms, skew-corrected exactly as the ms form', async () => {
    const { handler, store } = testHandler({ now: () => RECEIVED });
    // The client clock is 1 h behind: sent "02:04:05.000", event at "02:04:04.000".
    const sent = RECEIVED - 3_600_000 - 500;
    const isoBatch = { site: 'shop', sentAt: iso(sent), events: [pageView({ id: 'iso-1', ts: '2026-01-02T03:04:04.000+01:00' })] };
    const msBatch = { site: 'shop', sentAt: sent, events: [pageView({ id: 'ms-1', ts: sent - 1000 })] };
    for (const body of [isoBatch, msBatch]) {
      const res = await handler(post('/v1/touchpoints', body));
      expect(res.status).toBe(200);
      expect(await json(res)).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    }
    const rows = await store.query<{ id: string; ts: number; data: string }>('SELECT id, ts, data FROM events ORDER BY id');
    expect(rows.map((r) => [r.id, Number(r.ts)])).toEqual([['iso-1', RECEIVED - 1000], ['ms-1', RECEIVED - 1000]]);
    expect(JSON.parse(rows[0]!.data).ts).toBe(RECEIVED - 1000);
  });

  it('refuses an event with a malformed ISO ts, naming it, and keeps the others', async () => {
    const { handler } = testHandler({ now: () => RECEIVED });
    const events = [pageView({ id: 'bad-zone', ts: '2026-01-02T03:04:05' }), pageView({ id: 'bad-day', ts: '2026-02-30T00:00:00Z' }), pageView({ id: 'ok', ts: iso(RECEIVED) })];
    const res = await handler(post('/v1/touchpoints', { site: 'shop', events }));
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [
        { index: 0, id: 'bad-zone', reason: 'ts: ISO 8601 date-time needs a time zone (Z or ±hh:mm), got "2026-01-02T03:04:05"' },
        { index: 1, id: 'bad-day', reason: 'ts: is not a calendar date-time (month 1–12, day within the month, hh ≤ 23, mm and ss ≤ 59), got "2026-02-30T00:00:00Z"' },
      ],
    });
  });

  it('answers 400 with the reason for a malformed ISO sentAt', async () => {
    const { handler, store } = testHandler({ now: () => RECEIVED });
    const res = await handler(post('/v1/touchpoints', { site: 'shop', sentAt: '2 January 2026', events: [pageView()] }));
    expect(res.status).toBe(400);
    expect((await json(res)).error).toBe('sentAt: must be a positive number of ms since epoch or an ISO 8601 date-time like 2026-01-02T03:04:05.000Z, got "2 January 2026"');
    expect((await store.query('SELECT id FROM events')).length).toBe(0);
  });
});
