// `@touchpoint/collector/stream`: NATS JetStream between many collectors and the store. Needs the
// optional peer dependencies `@nats-io/jetstream` and `@nats-io/transport-node`.
export { openStreamSink, type StreamSink, type StreamSinkOptions } from './publisher.js';
export { startLoader, type Loader, type LoaderOptions } from './loader.js';
export { connectNats, ensureStream, ensureConsumer, type StreamOptions, type ConsumerOptions } from './setup.js';
export { createLoaderMetrics, type LoaderMetrics } from './loader-metrics.js';
export { jetstreamManager } from './nats-client.js';
