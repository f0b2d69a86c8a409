// The collector's Prometheus metrics through prom-client, in a registry of its own per handler: the
// global default registry collides between handlers (tests, or two collectors in one app) and with the
// embedding application's own metrics.
import { readFileSync } from 'node:fs';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { REJECT_CODES } from './pipeline/reject-codes.js';

// Seconds; covers a sub-millisecond SQLite commit up to a stalled store.
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** The collector's Prometheus metrics. */
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
  /** identity links refused: a browser already tied to another person (docs/identity.md rule 2) */
  identityConflicts(n: number): void;
  /** events dropped because their user id or anonymous id was erased (`suppressed_ids`) */
  suppressed(n: number): void;
  /** one HTTP request: route, status and duration in seconds */
  request(route: string, status: number, seconds: number): void;
  /** an admin sign-in or bearer credential refused: `via` sign_in | bearer | shared_link, and why */
  authFailure(via: string, reason: string): void;
  /** an admin sign-in or bearer credential answered 429 because its address or account failed too often */
  authThrottled(via: string): void;
  /** the prom-client registry behind these metrics, to merge into an application's own or add to */
  readonly registry: Registry;
  /** the `Content-Type` of {@link render}'s text */
  readonly contentType: string;
  /** every metric in the Prometheus text exposition format */
  render(): Promise<string>;
}

/** Options of {@link createMetrics}. */
export interface MetricsOptions {
  /** site ids whose `touchpoint_events_accepted_total` shows 0 before their first event */
  sites?: readonly string[];
  /** process and Node.js runtime metrics (CPU, memory, event loop lag, GC; default true) */
  processMetrics?: boolean;
}

/** The package's version, for `touchpoint_collector_build_info`. */
export function collectorVersion(): string {
  try {
    // package.json sits one folder above both src/ and dist/
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * Creates the metrics served at `/metrics`. Every counter is there from the start (at 0, with each
 * known site and refusal reason), so alerts can be written before the first failure.
 *
 * @example
 * const metrics = createMetrics({ sites: ['shop'] });
 * metrics.accepted('shop', 20);
 * console.log(await metrics.render());
 */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const accepted = new Counter({ name: 'touchpoint_events_accepted_total', help: 'Events stored.', labelNames: ['site'], registers });
  const rejected = new Counter({ name: 'touchpoint_events_rejected_total', help: 'Events refused, by reason.', labelNames: ['reason'], registers });
  const deduplicated = new Counter({ name: 'touchpoint_events_deduplicated_total', help: 'Events already stored (re-sent), acknowledged again.', registers });
  const bots = new Counter({ name: 'touchpoint_events_bot_total', help: 'Events from bots (stored with is_bot=1).', registers });
  const suppressed = new Counter({ name: 'touchpoint_events_suppressed_total', help: 'Events dropped, not stored: their user id or anonymous id belongs to an erased person.', registers });
  const storeErrors = new Counter({ name: 'touchpoint_store_errors_total', help: 'Store writes that failed (answered 503).', registers });
  const conflicts = new Counter({ name: 'touchpoint_identity_conflicts_total', help: 'Identity links refused: an anonymous id already tied to another person kept its first (identity_conflicts rows).', registers });
  const requests = new Counter({ name: 'touchpoint_http_requests_total', help: 'HTTP requests by route and status.', labelNames: ['route', 'status'], registers });
  const latency = new Histogram({ name: 'touchpoint_http_request_duration_seconds', help: 'HTTP request latency by route.', labelNames: ['route'], buckets: BUCKETS, registers });
  const authFailures = new Counter({ name: 'touchpoint_admin_auth_failures_total', help: 'Admin sign-ins, bearer credentials and shared links refused, by way in and reason.', labelNames: ['via', 'reason'], registers });
  const authThrottled = new Counter({ name: 'touchpoint_admin_auth_throttled_total', help: 'Admin sign-ins and credentials refused with 429 after too many failures from the address or for the account.', labelNames: ['via'], registers });
  const buildInfo = new Gauge({ name: 'touchpoint_collector_build_info', help: 'Always 1; the labels say which collector and Node.js run.', labelNames: ['version', 'node'], registers });
  buildInfo.set({ version: collectorVersion(), node: process.versions.node }, 1);
  for (const site of options.sites ?? []) accepted.inc({ site }, 0);
  for (const reason of REJECT_CODES) rejected.inc({ reason }, 0);
  for (const via of ['sign_in', 'bearer']) {
    for (const reason of ['unknown_key', 'revoked', 'wrong_secret', 'wrong_token', 'malformed']) authFailures.inc({ via, reason }, 0);
    authThrottled.inc({ via }, 0);
  }
  authFailures.inc({ via: 'shared_link', reason: 'unknown_or_expired' }, 0);
  authThrottled.inc({ via: 'shared_link' }, 0);
  // The runtime collectors start timers and observers: only once someone scrapes, so a handler made
  // and dropped (tests, short scripts) leaves nothing running.
  let runtime = options.processMetrics === false;

  return {
    accepted: (site, n) => accepted.inc({ site }, n),
    rejected: (reason, n) => rejected.inc({ reason }, n),
    deduplicated: (n) => deduplicated.inc(n),
    bots: (n) => bots.inc(n),
    storeError: () => storeErrors.inc(),
    identityConflicts: (n) => conflicts.inc(n),
    suppressed: (n) => suppressed.inc(n),
    request(route, status, seconds) {
      requests.inc({ route, status: String(status) });
      latency.observe({ route }, seconds);
    },
    authFailure: (via, reason) => authFailures.inc({ via, reason }),
    authThrottled: (via) => authThrottled.inc({ via }),
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
