/** Counters and gauges of one loader process, served at its `/metrics`. */
export interface LoaderMetrics {
  /** one committed batch: events inserted and duplicates (already stored) */
  loaded(inserted: number, duplicates: number): void;
  /** messages that were not touchpoints (terminated, never retried) */
  poisoned(n: number): void;
  /** a store write that failed (the batch is retried) */
  storeError(): void;
  /** the consumer's backlog as JetStream reports it */
  lag(pending: number, ackPending: number): void;
  /** Prometheus text exposition format 0.0.4 */
  render(): string;
}

// Throughput is a Prometheus counter (use rate()); the gauge below is the same over the last few
// seconds, for a glance at /metrics without a Prometheus server.
const WINDOW_MS = 10_000;

/**
 * Creates a loader's metrics registry.
 *
 * @param now - clock, ms (tests)
 * @example
 * const metrics = createLoaderMetrics();
 * metrics.loaded(1000, 3);
 */
export function createLoaderMetrics(now: () => number = Date.now): LoaderMetrics {
  let inserted = 0;
  let duplicates = 0;
  let batches = 0;
  let poison = 0;
  let errors = 0;
  let pending = 0;
  let ackPending = 0;
  const recent: Array<[number, number]> = [];
  const started = now();

  function rate(): number {
    const t = now();
    while (recent.length && recent[0]![0] < t - WINDOW_MS) recent.shift();
    const n = recent.reduce((s, [, k]) => s + k, 0);
    return n / (Math.min(WINDOW_MS, Math.max(1, t - started)) / 1000);
  }

  return {
    loaded(i, d) {
      inserted += i;
      duplicates += d;
      batches++;
      recent.push([now(), i + d]);
    },
    poisoned: (n) => void (poison += n),
    storeError: () => void errors++,
    lag(p, a) {
      pending = p;
      ackPending = a;
    },
    render() {
      const lines = [
        ['touchpoint_loader_events_stored_total', 'counter', 'Events inserted into the store.', inserted],
        ['touchpoint_loader_events_duplicate_total', 'counter', 'Events already in the store (redelivered or re-sent), acked.', duplicates],
        ['touchpoint_loader_batches_total', 'counter', 'Batches committed to the store.', batches],
        ['touchpoint_loader_events_poison_total', 'counter', 'Messages that were not valid touchpoints (terminated).', poison],
        ['touchpoint_loader_store_errors_total', 'counter', 'Store writes that failed and were retried.', errors],
        ['touchpoint_loader_consumer_pending', 'gauge', 'Messages in the stream not yet delivered to a loader (consumer lag).', pending],
        ['touchpoint_loader_consumer_ack_pending', 'gauge', 'Messages delivered to loaders and not yet acked.', ackPending],
        ['touchpoint_loader_events_per_second', 'gauge', `Events loaded per second over the last ${WINDOW_MS / 1000} s.`, Math.round(rate())],
      ] as const;
      return `${lines.map(([name, type, help, v]) => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${v}`).join('\n')}\n`;
    },
  };
}
