import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics';

describe('createMetrics', () => {
  it('renders counters and a cumulative latency histogram in Prometheus text format, escaping labels', () => {
    const m = createMetrics();
    m.accepted('sh"op\n', 3);
    m.accepted('sh"op\n', 2);
    m.request('/v1/touchpoints', 200, 0.003);
    m.request('/v1/touchpoints', 200, 0.3);
    const text = m.render();
    expect(text).toContain('# TYPE touchpoint_events_accepted_total counter');
    expect(text).toContain('touchpoint_events_accepted_total{site="sh\\"op\\n"} 5');
    expect(text).toContain('touchpoint_http_requests_total{route="/v1/touchpoints",status="200"} 2');
    expect(text).toContain('touchpoint_http_request_duration_seconds_bucket{route="/v1/touchpoints",le="0.001"} 0');
    expect(text).toContain('touchpoint_http_request_duration_seconds_bucket{route="/v1/touchpoints",le="0.005"} 1');
    expect(text).toContain('touchpoint_http_request_duration_seconds_bucket{route="/v1/touchpoints",le="0.5"} 2');
    expect(text).toContain('touchpoint_http_request_duration_seconds_count{route="/v1/touchpoints"} 2');
    expect(text.endsWith('\n')).toBe(true);
  });
});
