/**
 * `@touchpoint/collector` — the reference Touchpoint collector.
 * @packageDocumentation
 */
export type * from './store/types';
export { MIGRATIONS } from './store/migrations';
export { openSqliteStore, migrateSqlite, type SqliteStoreOptions } from './store/sqlite';
export { openStore, openSink, type StoreOptions } from './store/open';
export { createHandler, isIngestionPath, type Handler, type HandlerOptions, type Route, type ClientInfo } from './handler';
export { createCollector, type Collector } from './collector';
export { createSites, loadSitesFile, type SiteConfig, type Sites } from './sites';
export { createLogger, silentLogger, type Logger, type LogLevel } from './log';
export { createMetrics, type Metrics, type MetricsOptions } from './metrics';
export { createRateLimiter, type RateLimitOptions } from './rate-limit';
export { anonymizeIp, type IpPolicy } from './pipeline/ip';
export { classifyChannel } from './pipeline/channel';
export { parseUserAgent } from './pipeline/user-agent';
export { HttpError } from './http-error';
export { toNodeListener, toWebRequest, sendWebResponse, forward } from './adapters/node-http';
export { touchpointMiddleware } from './adapters/express';
export { touchpointPlugin } from './adapters/fastify';
export { createAdminRoutes, type AdminOptions } from './admin/index';
export * from './reports/index';
export * from './check-ads/index';
export { parseCatalogue, loadCatalogue, saveCatalogue, findAd, CATALOGUE_COLUMNS, type Ad, type CatalogueError, type ParsedCatalogue } from './catalogue/index';
export { scoreRelevance, terms, type AdText, type PageSignals, type Relevance } from './relevance/index';
export { extractSignals, decodeHtml, isHomePath, type ContentSignals } from './html/index';
export { openPostgresStore, migratePostgres, type PostgresStoreOptions } from './store/postgres';
export { openStreamSink, type StreamSink, type StreamSinkOptions } from './stream/publisher';
export { startLoader, type Loader, type LoaderOptions } from './stream/loader';
export { connectNats, ensureStream, ensureConsumer, type StreamOptions, type ConsumerOptions } from './stream/setup';
export { createLoaderMetrics, type LoaderMetrics } from './stream/loader-metrics';
export { jetstreamManager } from './stream/nats-client';
