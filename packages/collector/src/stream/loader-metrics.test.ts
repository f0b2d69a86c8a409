import { describe, expect, it } from 'vitest';
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
