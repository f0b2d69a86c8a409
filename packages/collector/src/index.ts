/**
 * `@touchpoint/collector` — the ingestion core: the Web-standard handler (native batches, the Segment,
 * RudderStack and Jitsu APIs), sites, rate limits, metrics, logs and the store interface. It loads no
 * database or NATS driver: the stores, the stream, the framework adapters, the reports, the dashboard
 * and the ad checker are subpaths (`@touchpoint/collector/sqlite`, `/postgres`, `/stream`, `/node`,
 * `/express`, `/fastify`, `/reports`, `/admin`, `/check-ads`, `/email`), loaded only when imported.
 * @packageDocumentation
 */
export type { StoredEvent, WriteResult, EventSink, EventFilter, Store, Dialect, Channel, IdentityClaim } from './store/types.js';
export type { Migration } from './store/migrations.js';
export { EVENT_COLUMNS } from './store/columns.js';
export { openStore, openSink, postgresUrl, describeStore, streamOptionsOf, type StoreOptions } from './store/open.js';
export { createHandler, isIngestionPath, type Handler, type HandlerOptions, type Route, type RouteInfo, type ClientInfo, type LinkClaims } from './handler.js';
export { IDENTITY_COOKIE_MAX_AGE, type IdentityCookieOptions } from './identity-cookie.js';
export { createCollector, type Collector } from './collector.js';
export { createSites, loadSitesFile, type SiteConfig, type Sites } from './sites.js';
export { createLogger, silentLogger, type Logger, type LogFn, type LogLevel } from './log.js';
export { createMetrics, type Metrics, type MetricsOptions } from './metrics.js';
export { createRateLimiter, type RateLimitOptions } from './rate-limit.js';
export type { IpPolicy } from './pipeline/ip.js';
export { OFFSITE_STAGES } from './pipeline/offsite-touchpoints.js';
export { HttpError } from './http-error.js';
export { redactUrl, redactNatsUrl } from './redact.js';
