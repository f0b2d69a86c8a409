// `touchpoint-collector load --stream nats://… (--pg URL | --db FILE)`: moves touchpoints from the
// JetStream stream into a store. Run as many as needed side by side; they share one durable consumer.
import { createLogger, describeStore, type LogLevel, openStore, redactNatsUrl, streamOptionsOf } from '@touchpoint/collector';
import { STORE_FLAGS, STORE_FLAGS_HELP } from './store-flags.js';
import { connectNats, ensureConsumer, ensureStream, startLoader } from '@touchpoint/collector/stream';
import { intFlag, parseFlags, runCommand, storeFlags, UsageError } from './args.js';
import { startMetricsServer } from './metrics-server.js';

const HELP = `Usage: touchpoint-collector load --stream URL (--pg URL | --db FILE) [options]

Loads touchpoints from a JetStream stream into a store: acks only what the store committed,
resumes after a crash, and any number of loaders can share the work.

Options:
${STORE_FLAGS_HELP}
  --consumer NAME         durable consumer shared by the loaders (default touchpoint-loader)
  --batch N               events per store write (default 1000)
  --max-wait MS           longest wait to fill a batch (default and minimum 1000)
  --concurrency N         batches written at once by this process (default 2)
  --ack-wait MS           redeliver what a loader fetched and did not ack within MS, e.g. after a crash
                          (default 60000; applies when the consumer is created)
  --metrics-port PORT     serve /metrics (consumer lag, throughput) on 127.0.0.1:PORT (0: any free port)
  --metrics-host HOST     address for /metrics (default 127.0.0.1)
  --log-level LEVEL       debug | info | warn | error (default info)
  -h, --help              this help`;

/** `touchpoint-collector load [options]`: exit 0 when stopped by a signal, 1 when the loader failed, 2 on a usage error. */
export async function run(argv: string[]): Promise<number> {
  return runCommand('load', HELP, () => load(argv));
}

async function load(argv: string[]): Promise<number> {
  const { values } = parseFlags({
    args: argv,
    strict: true,
    options: {
      ...STORE_FLAGS,
      consumer: { type: 'string' },
      batch: { type: 'string' },
      'max-wait': { type: 'string' },
      'ack-wait': { type: 'string' },
      concurrency: { type: 'string' },
      'metrics-port': { type: 'string' },
      'metrics-host': { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const storeOptions = storeFlags(values);
  if (!storeOptions.stream) throw new UsageError('--stream nats://… is required');
  const level = (values['log-level'] ?? 'info') as LogLevel;
  if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new UsageError(`--log-level must be debug, info, warn or error, got "${level}"`);
  const log = createLogger({ level });
  const stream = streamOptionsOf(storeOptions, storeOptions.stream);
  const ackWaitMs = intFlag('ack-wait', values['ack-wait'], 1000);
  const concurrency = intFlag('concurrency', values.concurrency, 1) ?? 2;
  const batchSize = intFlag('batch', values.batch, 1) ?? 1000;
  const maxWaitMs = intFlag('max-wait', values['max-wait'], 1000) ?? 1000;
  const metricsPort = intFlag('metrics-port', values['metrics-port'], 0);

  // The store is the destination: the stream flags say where from, so the store is opened without them.
  const target = { ...storeOptions, stream: undefined };
  const store = await openStore(target);
  const nc = await connectNats(stream.url, 'touchpoint-loader').catch(async (err) => {
    await store.close();
    throw err;
  });
  let consumer: string;
  try {
    const jsm = await ensureStream(nc, stream);
    consumer = await ensureConsumer(jsm, { ...stream, consumer: values.consumer, ackWaitMs });
  } catch (err) {
    await nc.close();
    await store.close();
    throw err;
  }

  const loader = startLoader(nc, { ...stream, consumer, store, batchSize, maxWaitMs, concurrency, log });
  const metricsServer = metricsPort === undefined ? undefined : await startMetricsServer(loader.metrics, metricsPort, values['metrics-host'] ?? '127.0.0.1').catch(async (err) => {
    await loader.stop();
    await nc.drain().catch(() => {});
    await store.close();
    throw err;
  });
  log.info({
    from: `${redactNatsUrl(stream.url)} stream ${stream.stream ?? 'TOUCHPOINT'} consumer ${consumer}`,
    to: describeStore(target),
    batch: batchSize,
    ...(metricsServer ? { metrics: metricsServer.url } : {}),
  }, 'loader started');

  const stop = () => void loader.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let code = 0;
  try {
    await loader.done;
  } catch (err) {
    log.error({ error: (err as Error).message }, 'loader stopped');
    code = 1;
  }
  await loader.stop();
  metricsServer?.server.close();
  await nc.drain().catch(() => {});
  await store.close();
  log.info('loader stopped');
  return code;
}
