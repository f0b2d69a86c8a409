import { jetstream, type JsMsg, type NatsConnection } from './nats-client.js';
import type { Logger } from '../log.js';
import type { Store, StoredEvent } from '../store/types.js';
import { createSuppressedFilter } from '../people/suppressed-ids.js';
import { ackAll } from './acks.js';
import { decodeEvent } from './codec.js';
import { createLoaderMetrics, type LoaderMetrics } from './loader-metrics.js';
import { streamConfig, type StreamOptions } from './setup.js';

/** Options of {@link startLoader}. */
export interface LoaderOptions extends StreamOptions {
  /** durable consumer name (set up by `ensureConsumer`) */
  consumer: string;
  /** where events go */
  store: Store;
  /** messages per store write (default 1000) */
  batchSize?: number;
  /** how long a fetch waits to fill a batch, ms (default and minimum 1000, the client's floor): bounds the latency of a quiet stream */
  maxWaitMs?: number;
  /** batches written at once by this process (default 2): the next store write starts while one commits */
  concurrency?: number;
  /** longest pause between retries of a failed store write, ms (default 10000) */
  maxBackoffMs?: number;
  metrics?: LoaderMetrics;
  log: Logger;
}

/** A running loader. */
export interface Loader {
  readonly metrics: LoaderMetrics;
  /** Stops after the batch in hand is stored and acked (or handed back), then resolves. */
  stop(): Promise<void>;
  /** resolves when the loop ends (after `stop`, or on a fatal error, which it rejects with) */
  readonly done: Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Moves touchpoints from the stream into a store: fetches up to `batchSize` messages from the durable
 * pull consumer, writes them in one store write, and acks them only after the store committed. A failed
 * write is retried with backoff (keeping the messages in hand with `working()`); a crash leaves them
 * unacked and JetStream redelivers them — the store's unique key makes the second write a no-op, so
 * every event is stored exactly once. Several loaders on the same consumer share the work.
 *
 * @param nc - NATS connection
 * @param options - see {@link LoaderOptions}
 * @example
 * const loader = startLoader(nc, { url, consumer: 'touchpoint-loader', store, log });
 * process.on('SIGTERM', () => loader.stop());
 */
export function startLoader(nc: NatsConnection, options: LoaderOptions): Loader {
  const js = jetstream(nc);
  const stream = streamConfig(options).name;
  const metrics = options.metrics ?? createLoaderMetrics();
  const batchSize = options.batchSize ?? 1000;
  const maxWait = Math.max(1000, options.maxWaitMs ?? 1000);
  const maxBackoff = options.maxBackoffMs ?? 10_000;
  const { log, store } = options;
  const dropSuppressed = createSuppressedFilter(store);
  let stopping = false;

  async function storeBatch(msgs: JsMsg[]): Promise<boolean> {
    const events: StoredEvent[] = [];
    const good: JsMsg[] = [];
    for (const m of msgs) {
      const e = decodeEvent(m.data);
      if (typeof e === 'string') {
        // Not a touchpoint (published by something else): retrying cannot help; keep it out of the way.
        log.error({ stream, seq: m.seq, subject: m.subject, reason: e }, 'dropping a message that is not a touchpoint');
        // No reason argument: servers before 2.10.4 do not understand `+TERM <reason>` and would redeliver.
        m.term();
        metrics.poisoned(1);
      } else {
        events.push(e);
        good.push(m);
      }
    }
    if (events.length === 0) return true;
    for (let attempt = 0; ; attempt++) {
      try {
        // Touchpoints of a person erased while they waited in the stream: acked, never stored.
        // Looked up again on every attempt, so an erasure during a store outage still holds.
        const { kept, dropped } = await dropSuppressed(events);
        const r = kept.length ? await store.write(kept) : { inserted: 0, duplicates: 0 };
        ackAll(nc, good);
        if (dropped) metrics.suppressed(dropped);
        metrics.loaded(r.inserted, r.duplicates, r.identityConflicts);
        return true;
      } catch (err) {
        metrics.storeError();
        log.warn({ events: events.length, attempt, error: (err as Error).message }, 'store write failed; retrying the batch');
        if (stopping) {
          // Hand the batch back now rather than after ack_wait, so another loader can take it.
          for (const m of good) m.nak();
          return false;
        }
        await sleep(Math.min(maxBackoff, 250 * 2 ** attempt) * (0.5 + Math.random() / 2));
        for (const m of good) m.working();
      }
    }
  }

  let fetchFailures = 0;
  /** One fetch: up to `batchSize` messages, fewer when `maxWait` passes first; [] after a failure. */
  async function fetchBatch(consumer: Awaited<ReturnType<typeof js.consumers.get>>): Promise<JsMsg[]> {
    const batch: JsMsg[] = [];
    try {
      const it = await consumer.fetch({ max_messages: batchSize, expires: maxWait });
      for await (const m of it) batch.push(m);
      fetchFailures = 0;
    } catch (err) {
      // A bad option is a bug, not an outage: stop loudly instead of retrying for ever.
      if ((err as Error).name === 'InvalidArgumentError') throw err;
      // NATS down or restarting: the connection reconnects by itself; messages fetched so far are
      // still ours to store (their acks go out once it is back), or are redelivered.
      if (fetchFailures++ % 10 === 0) log.warn({ error: (err as Error).message }, 'fetch from JetStream failed; retrying');
      if (batch.length === 0) await sleep(Math.min(2000, 100 * fetchFailures));
    }
    return batch;
  }

  async function loop(): Promise<void> {
    const consumer = await js.consumers.get(stream, options.consumer);
    // Pipelined: the next batch is fetched while this one is written, so neither the network nor the
    // database waits for the other. At most two batches are in hand (2 × batchSize unacked).
    let next = fetchBatch(consumer);
    while (!stopping) {
      const batch = await next;
      next = fetchBatch(consumer);
      if (batch.length) await storeBatch(batch);
    }
    // Stopping: what the last fetch brought is handed back at once rather than after ack_wait.
    for (const m of await next.catch(() => [] as JsMsg[])) m.nak();
  }

  // Consumer lag, for /metrics: polled rather than read per scrape, so scrapes stay cheap.
  const lagTimer = setInterval(() => {
    js.consumers
      .get(stream, options.consumer)
      .then((c) => c.info())
      .then((i) => metrics.lag(i.num_pending, i.num_ack_pending))
      .catch(() => {});
  }, 2000);
  lagTimer.unref();

  const workers = Math.max(1, Math.floor(options.concurrency ?? 2));
  const done = Promise.all(Array.from({ length: workers }, loop)).then(() => undefined).finally(() => clearInterval(lagTimer));
  return {
    metrics,
    done,
    async stop() {
      stopping = true;
      await done.catch(() => {});
      // Send the last acks before the caller closes the connection.
      await nc.flush().catch(() => {});
    },
  };
}
