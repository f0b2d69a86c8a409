// A loader process's Prometheus metrics through prom-client, in a registry of its own. Throughput is a
// counter: Prometheus derives the rate (`rate(touchpoint_loader_events_stored_total[1m])`).
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { collectorVersion } from '../metrics.js';

/** Counters and gauges of one loader process, served at its `/metrics`. */
export interface LoaderMetrics {
  /** one committed batch: events inserted and duplicates (already stored), identity links refused */
  loaded(inserted: number, duplicates: number, identityConflicts?: number): void;
  /** messages that were not touchpoints (terminated, never retried) */
  poisoned(n: number): void;
  /** events dropped before the store write: their user id or anonymous id was erased */
  suppressed(n: number): void;
  /** a store write that failed (the batch is retried) */
  storeError(): void;
  /** the consumer's backlog as JetStream reports it */
  lag(pending: number, ackPending: number): void;
  /** the prom-client registry behind these metrics */
  readonly registry: Registry;
  /** the `Content-Type` of {@link render}'s text */
  readonly contentType: string;
  /** every metric in the Prometheus text exposition format */
  render(): Promise<string>;
}

/**
 * Creates a loader's metrics, every counter at 0 from the start.
 *
 * @param options.processMetrics - process and Node.js runtime metrics (default true)
 * @example
 * const metrics = createLoaderMetrics();
 * metrics.loaded(1000, 3);
 */
export function createLoaderMetrics(options: { processMetrics?: boolean } = {}): LoaderMetrics {
  const registry = new Registry();
  const registers = [registry];
  const counter = (name: string, help: string) => new Counter({ name, help, registers });
  const stored = counter('touchpoint_loader_events_stored_total', 'Events inserted into the store.');
  const duplicates = counter('touchpoint_loader_events_duplicate_total', 'Events already in the store (redelivered or re-sent), acked.');
  const conflicts = counter('touchpoint_loader_identity_conflicts_total', 'Identity links refused: an anonymous id already tied to another person kept its first.');
  const batches = counter('touchpoint_loader_batches_total', 'Batches committed to the store.');
  const poison = counter('touchpoint_loader_events_poison_total', 'Messages that were not valid touchpoints (terminated).');
  const suppressed = counter('touchpoint_loader_events_suppressed_total', 'Events of erased people (suppressed_ids) dropped, acked and not stored.');
  const errors = counter('touchpoint_loader_store_errors_total', 'Store writes that failed and were retried.');
  const pending = new Gauge({ name: 'touchpoint_loader_consumer_pending', help: 'Messages in the stream not yet delivered to a loader (consumer lag).', registers });
  const ackPending = new Gauge({ name: 'touchpoint_loader_consumer_ack_pending', help: 'Messages delivered to loaders and not yet acked.', registers });
  new Gauge({ name: 'touchpoint_collector_build_info', help: 'Always 1; the labels say which collector and Node.js run.', labelNames: ['version', 'node'], registers })
    .set({ version: collectorVersion(), node: process.versions.node }, 1);
  pending.set(0);
  ackPending.set(0);
  // As in the collector's metrics: runtime collectors start with the first scrape.
  let runtime = options.processMetrics === false;

  return {
    loaded(i, d, c = 0) {
      stored.inc(i);
      duplicates.inc(d);
      conflicts.inc(c);
      batches.inc();
    },
    poisoned: (n) => poison.inc(n),
    suppressed: (n) => suppressed.inc(n),
    storeError: () => errors.inc(),
    lag(p, a) {
      pending.set(p);
      ackPending.set(a);
    },
    registry,
    contentType: registry.contentType,
    render() {
      if (!runtime) {
        runtime = true;
        collectDefaultMetrics({ register: registry });
      }
      return registry.metrics();
    },
  };
}
