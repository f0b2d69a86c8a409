import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.js';
import { REJECT_CODES } from './pipeline/reject-codes.js';
import { testHandler } from './handler.fixture.js';

describe('createMetrics', () => {
  it('renders counters and a cumulative latency histogram in Prometheus text format, escaping labels', async () => {
    const m = createMetrics({ processMetrics: false });
    m.accepted('sh"op\n', 3);
    m.accepted('sh"op\n', 2);
    m.request('/v1/touchpoints', 200, 0.003);
    m.request('/v1/touchpoints', 200, 0.3);
    const text = await m.render();
    expect(text).toContain('# TYPE touchpoint_events_accepted_total counter');
    expect(text).toContain('touchpoint_events_accepted_total{site="sh\\"op\\n"} 5');
    expect(text).toContain('touchpoint_http_requests_total{route="/v1/touchpoints",status="200"} 2');
    expect(text).toContain('touchpoint_http_request_duration_seconds_bucket{le="0.001",route="/v1/touchpoints"} 0');
    expect(text).toContain('touchpoint_http_request_duration_seconds_bucket{le="0.005",route="/v1/touchpoints"} 1');
    expect(text).toContain('touchpoint_http_request_duration_seconds_bucket{le="0.5",route="/v1/touchpoints"} 2');
    expect(text).toContain('touchpoint_http_request_duration_seconds_count{route="/v1/touchpoints"} 2');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('shows every counter at 0 from the start: each site, each refusal reason, store errors — and the build', async () => {
    const text = await createMetrics({ sites: ['shop', 'blog'], processMetrics: false }).render();
    expect(text).toContain('touchpoint_events_accepted_total{site="shop"} 0');
    expect(text).toContain('touchpoint_events_accepted_total{site="blog"} 0');
    for (const reason of REJECT_CODES) expect(text).toContain(`touchpoint_events_rejected_total{reason="${reason}"} 0`);
    for (const name of ['touchpoint_events_deduplicated_total', 'touchpoint_events_bot_total', 'touchpoint_store_errors_total']) expect(text).toMatch(new RegExp(`^${name} 0$`, 'm'));
    expect(text).toMatch(/^touchpoint_collector_build_info\{version="\d+\.\d+\.\d+[^"]*",node="20\.[\d.]+"\} 1$/m);
  });

  it('keeps each handler in a registry of its own, with process and runtime metrics', async () => {
    const a = testHandler().handler;
    const b = testHandler().handler;
    a.metrics.accepted('shop', 7);
    const res = await b(new Request('http://collector.test/metrics'));
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('touchpoint_events_accepted_total{site="shop"} 0');
    expect(text).toContain('touchpoint_events_accepted_total{site="keyed"} 0');
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) expect(text).toContain(`# TYPE ${name}`);
    expect(await a.metrics.render()).toContain('touchpoint_events_accepted_total{site="shop"} 7');
  });
});
