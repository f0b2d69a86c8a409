import { jetstream, type NatsConnection } from './nats-client.js';
import { encodeEvent } from './codec.js';
import { createAckedPublisher } from './pub-acks.js';
import type { EventSink, StoredEvent, WriteResult } from '../store/types.js';
import { redactNatsUrl } from '../redact.js';
import { connectNats, ensureStream, streamConfig, type StreamOptions } from './setup.js';
import { messageId, subjectFor } from './subjects.js';

/** Options of {@link openStreamSink}. */
export interface StreamSinkOptions extends StreamOptions {
  /** how long to wait for JetStream's acknowledgement of a publish, ms (default 5000) */
  ackTimeoutMs?: number;
}

/** A stream sink, with its connection for tests and shutdown hooks. */
export interface StreamSink extends EventSink {
  readonly connection: NatsConnection;
}

/**
 * Publishes accepted touchpoints to a JetStream stream instead of a database: one message per event on
 * `<prefix>.<site>`, with `Nats-Msg-Id` = site + event id so the stream's duplicate window drops a
 * re-sent event. `write` resolves only after JetStream acknowledged (persisted) every message, and
 * counts the ones it reported as duplicates; it rejects at once while NATS is disconnected, and when a
 * publish fails (stream full, no stream, timeout) — the handler then answers 503 and the client retries.
 * Creates or checks the stream at start and fails with a clear error (JetStream disabled, permissions,
 * incompatible stream).
 *
 * @param options - see {@link StreamSinkOptions}
 * @example
 * const sink = await openStreamSink({ url: 'nats://127.0.0.1:4222', replicas: 3 });
 * const handler = createHandler({ sink, sites });
 */
export async function openStreamSink(options: StreamSinkOptions): Promise<StreamSink> {
  const prefix = options.subjectPrefix ?? 'touchpoint.events';
  // Subjects go into protocol frames as they are (see pub-acks): whitespace would break the frame.
  if (prefix === '' || /\s/.test(prefix)) throw new Error(`invalid stream subject prefix "${prefix}": empty or contains whitespace`);
  const nc = await connectNats(options.url, 'touchpoint-collector');
  try {
    await ensureStream(nc, options);
  } catch (err) {
    await nc.close().catch(() => {});
    throw err;
  }
  const config = streamConfig(options);
  const timeout = options.ackTimeoutMs ?? 5000;
  const js = jetstream(nc, { timeout });
  const publisher = createAckedPublisher(nc);
  let connected = true;
  let closed = false;

  // Follow the connection: while it is down, fail writes at once rather than letting each request
  // wait for the publish timeout (the client library would buffer and the ack would never come).
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') {
        connected = false;
        publisher.failPending(`NATS ${redactNatsUrl(options.url)} disconnected before acknowledging`);
      } else if (s.type === 'reconnect') connected = true;
    }
  })().catch(() => {});

  return {
    connection: nc,

    async write(events: StoredEvent[]): Promise<WriteResult> {
      if (closed) throw new Error('stream sink is closed');
      if (!connected || nc.isClosed()) throw new Error(`NATS ${redactNatsUrl(options.url)} is unreachable`);
      if (events.length === 0) return { inserted: 0, duplicates: 0 };
      const { duplicates } = await publisher.publishAll(
        events.map((e) => ({ subject: subjectFor(prefix, e.site), msgId: messageId(e.site, e.id), payload: encodeEvent(e) })),
        timeout,
      );
      return { inserted: events.length - duplicates, duplicates };
    },

    async ready() {
      if (closed || !connected || nc.isClosed()) return false;
      try {
        const jsm = await js.jetstreamManager(false);
        await jsm.streams.info(config.name);
        return true;
      } catch {
        return false;
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      // drain: in-flight publishes finish and get their acks before the connection closes.
      await nc.drain().catch(() => nc.close());
    },
  };
}
