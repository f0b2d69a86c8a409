/** Label values of one metric sample. */
type Labels = Record<string, string>;

// Seconds; covers a sub-millisecond SQLite commit up to a stalled store.
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const keys = Object.keys(labels);
  return keys.length === 0 ? '' : `{${keys.map((k) => `${k}="${escape(labels[k]!)}"`).join(',')}}`;
};

/** The collector's Prometheus metrics; counters keyed by label text so a new label set costs one map entry. */
export interface Metrics {
  /** events stored */
  accepted(site: string, n: number): void;
  /** events refused, by short reason (`schema`, `too_large`, `too_old`, …) */
  rejected(reason: string, n: number): void;
  /** events already stored (re-sent) */
  deduplicated(n: number): void;
  /** events from bots (stored flagged) */
  bots(n: number): void;
  /** failed store writes */
  storeError(): void;
  /** one HTTP request: route, status and duration in seconds */
  request(route: string, status: number, seconds: number): void;
  /** Prometheus text exposition format 0.0.4 */
  render(): string;
}

/**
 * Creates the metrics registry served at `/metrics`.
 *
 * @example
 * const metrics = createMetrics();
 * metrics.accepted('shop', 20);
 * console.log(metrics.render());
 */
export function createMetrics(): Metrics {
  const counters = new Map<string, { help: string; values: Map<string, number> }>();
  const count = (name: string, help: string, labels: Labels, n: number) => {
    let c = counters.get(name);
    if (!c) counters.set(name, (c = { help, values: new Map() }));
    const key = labelText(labels);
    c.values.set(key, (c.values.get(key) ?? 0) + n);
  };
  // route -> cumulative bucket counts, sum, count
  const latency = new Map<string, { buckets: number[]; sum: number; count: number }>();

  return {
    accepted: (site, n) => count('touchpoint_events_accepted_total', 'Events stored.', { site }, n),
    rejected: (reason, n) => count('touchpoint_events_rejected_total', 'Events refused, by reason.', { reason }, n),
    deduplicated: (n) => count('touchpoint_events_deduplicated_total', 'Events already stored (re-sent), acknowledged again.', {}, n),
    bots: (n) => count('touchpoint_events_bot_total', 'Events from bots (stored with is_bot=1).', {}, n),
    storeError: () => count('touchpoint_store_errors_total', 'Store writes that failed (answered 503).', {}, 1),
    request(route, status, seconds) {
      count('touchpoint_http_requests_total', 'HTTP requests by route and status.', { route, status: String(status) }, 1);
      let h = latency.get(route);
      if (!h) latency.set(route, (h = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 }));
      for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) h.buckets[i]!++;
      h.sum += seconds;
      h.count++;
    },
    render() {
      const out: string[] = [];
      for (const [name, c] of counters) {
        out.push(`# HELP ${name} ${c.help}`, `# TYPE ${name} counter`);
        for (const [labels, v] of c.values) out.push(`${name}${labels} ${v}`);
      }
      const name = 'touchpoint_http_request_duration_seconds';
      out.push(`# HELP ${name} HTTP request latency by route.`, `# TYPE ${name} histogram`);
      for (const [route, h] of latency) {
        const r = escape(route);
        BUCKETS.forEach((b, i) => out.push(`${name}_bucket{route="${r}",le="${b}"} ${h.buckets[i]}`));
        out.push(`${name}_bucket{route="${r}",le="+Inf"} ${h.count}`, `${name}_sum{route="${r}"} ${h.sum}`, `${name}_count{route="${r}"} ${h.count}`);
      }
      return `${out.join('\n')}\n`;
    },
  };
}
