/**
 * `@touchpoint/collector` — the reference Touchpoint collector.
 * @packageDocumentation
 */
export type * from './store/types.js';
export { MIGRATIONS } from './store/migrations.js';
export { openSqliteStore, migrateSqlite, type SqliteStoreOptions } from './store/sqlite.js';
export { openStore, openSink, type StoreOptions } from './store/open.js';
export { createHandler, isIngestionPath, type Handler, type HandlerOptions, type Route, type ClientInfo } from './handler.js';
export { createCollector, type Collector } from './collector.js';
export { createSites, loadSitesFile, type SiteConfig, type Sites } from './sites.js';
export { createLogger, silentLogger, type Logger, type LogLevel } from './log.js';
export { createMetrics, type Metrics, type MetricsOptions } from './metrics.js';
export { createRateLimiter, type RateLimitOptions } from './rate-limit.js';
export { anonymizeIp, type IpPolicy } from './pipeline/ip.js';
export { classifyChannel } from './pipeline/channel.js';
export { parseUserAgent } from './pipeline/user-agent.js';
export { HttpError } from './http-error.js';
export { toNodeListener, toWebRequest, sendWebResponse, forward } from './adapters/node-http.js';
export { touchpointMiddleware } from './adapters/express.js';
export { touchpointPlugin } from './adapters/fastify.js';
export { createAdminRoutes, type AdminOptions } from './admin/index.js';
export * from './reports/index.js';
export * from './check-ads/index.js';
export { parseCatalogue, loadCatalogue, saveCatalogue, findAd, CATALOGUE_COLUMNS, type Ad, type CatalogueError, type ParsedCatalogue } from './catalogue/index.js';
export { scoreRelevance, terms, type AdText, type PageSignals, type Relevance } from './relevance/index.js';
export { extractSignals, decodeHtml, isHomePath, type ContentSignals } from './html/index.js';
export { openPostgresStore, migratePostgres, type PostgresStoreOptions } from './store/postgres.js';
export { openStreamSink, type StreamSink, type StreamSinkOptions } from './stream/publisher.js';
export { startLoader, type Loader, type LoaderOptions } from './stream/loader.js';
export { connectNats, ensureStream, ensureConsumer, type StreamOptions, type ConsumerOptions } from './stream/setup.js';
export { createLoaderMetrics, type LoaderMetrics } from './stream/loader-metrics.js';
export { jetstreamManager } from './stream/nats-client.js';
