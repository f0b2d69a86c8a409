import { describe, expect, it } from 'vitest';
import { decodeEvent } from './loader';
import { createLoaderMetrics } from './loader-metrics';

describe('loader metrics', () => {
  it('counts stored, duplicate and poison events, exposes the lag and the recent rate', () => {
    let now = 1_000_000;
    const m = createLoaderMetrics(() => now);
    now += 10_000;
    m.loaded(900, 100);
    m.loaded(1000, 0);
    m.poisoned(2);
    m.storeError();
    m.lag(5000, 2000);
    const text = m.render();
    expect(text).toMatch(/^touchpoint_loader_events_stored_total 1900$/m);
    expect(text).toMatch(/^touchpoint_loader_events_duplicate_total 100$/m);
    expect(text).toMatch(/^touchpoint_loader_batches_total 2$/m);
    expect(text).toMatch(/^touchpoint_loader_events_poison_total 2$/m);
    expect(text).toMatch(/^touchpoint_loader_store_errors_total 1$/m);
    expect(text).toMatch(/^touchpoint_loader_consumer_pending 5000$/m);
    expect(text).toMatch(/^touchpoint_loader_consumer_ack_pending 2000$/m);
    // 2000 events in the last 10 s window.
    expect(text).toMatch(/^touchpoint_loader_events_per_second 200$/m);
    now += 20_000;
    expect(m.render()).toMatch(/^touchpoint_loader_events_per_second 0$/m);
    expect(text).toMatch(/# TYPE touchpoint_loader_consumer_pending gauge/);
  });
});

describe('decodeEvent', () => {
  const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
  const good = { site: 'shop', id: 'e1', name: 'page_view', channel: 'direct', data: '{}', ts: 1, receivedAt: 2, isBot: false };

  it('returns the stored event a collector published', () => {
    expect(decodeEvent(enc(good))).toEqual(good);
  });

  it('says why a message is not a touchpoint', () => {
    expect(decodeEvent(enc('{oops'))).toBe('not JSON');
    expect(decodeEvent(enc(null))).toBe('not an object');
    expect(decodeEvent(enc({ ...good, id: 5 }))).toBe('id: missing or not a string');
    expect(decodeEvent(enc({ ...good, ts: 'soon' }))).toBe('ts: missing or not a number');
    expect(decodeEvent(enc({ ...good, isBot: 0 }))).toBe('isBot: missing or not a boolean');
  });
});
