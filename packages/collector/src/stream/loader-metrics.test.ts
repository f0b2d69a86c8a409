import { describe, expect, it } from 'vitest';
import { createLoaderMetrics } from './loader-metrics.js';

describe('loader metrics', () => {
  it('counts stored, duplicate and poison events and exposes the lag; throughput is a counter, no rate gauge', async () => {
    const m = createLoaderMetrics({ processMetrics: false });
    const empty = await m.render();
    for (const name of ['touchpoint_loader_events_stored_total', 'touchpoint_loader_store_errors_total', 'touchpoint_loader_consumer_pending']) expect(empty).toMatch(new RegExp(`^${name} 0$`, 'm'));
    m.loaded(900, 100);
    m.loaded(1000, 0);
    m.poisoned(2);
    m.storeError();
    m.lag(5000, 2000);
    const text = await m.render();
    expect(text).toMatch(/^touchpoint_loader_events_stored_total 1900$/m);
    expect(text).toMatch(/^touchpoint_loader_events_duplicate_total 100$/m);
    expect(text).toMatch(/^touchpoint_loader_batches_total 2$/m);
    expect(text).toMatch(/^touchpoint_loader_events_poison_total 2$/m);
    expect(text).toMatch(/^touchpoint_loader_store_errors_total 1$/m);
    expect(text).toMatch(/^touchpoint_loader_consumer_pending 5000$/m);
    expect(text).toMatch(/^touchpoint_loader_consumer_ack_pending 2000$/m);
    expect(text).toMatch(/# TYPE touchpoint_loader_consumer_pending gauge/);
    expect(text).toMatch(/^touchpoint_collector_build_info\{version="[^"]+",node="[^"]+"\} 1$/m);
    expect(text).not.toContain('per_second');
  });

  it('adds process and runtime metrics at the first scrape', async () => {
    expect(await createLoaderMetrics().render()).toContain('# TYPE process_cpu_seconds_total counter');
  });
});
