import { AckPolicy, connect, DeliverPolicy, DiscardPolicy, jetstreamManager, RetentionPolicy, StorageType, type JetStreamManager, type NatsConnection, type StreamConfig } from './nats-client.js';
import { redactNatsUrl } from '../redact.js';
import type { StreamOptions } from './options.js';

export type { StreamOptions } from './options.js';

const NANOS = 1_000_000;

/** The stream name, prefix and config these options describe (defaults applied). */
export function streamConfig(o: StreamOptions): StreamConfig {
  const name = o.stream ?? 'TOUCHPOINT';
  const prefix = o.subjectPrefix ?? 'touchpoint.events';
  return {
    name,
    subjects: [`${prefix}.>`],
    storage: StorageType.File,
    // Work queue: a message is removed once a loader acked it, so the stream holds only what is not
    // yet in the store; discard "new" makes a full stream refuse publishes (503 to the client, who
    // keeps the events and retries) instead of silently dropping the oldest unloaded events.
    retention: RetentionPolicy.Workqueue,
    discard: DiscardPolicy.New,
    num_replicas: Math.max(1, Math.floor(o.replicas ?? 1)),
    duplicate_window: Math.floor((o.duplicateWindowMs ?? 600_000) * NANOS),
    max_bytes: o.maxBytes ?? -1,
  } as StreamConfig;
}

/**
 * Turns what NATS says into what the operator should do, naming the server and the stream.
 */
export function explainNatsError(err: unknown, url: string, what: string): Error {
  const message = (err as Error)?.message ?? String(err);
  const code = (err as { code?: unknown })?.code;
  let hint = '';
  if (/jetstream.*not enabled|JetStreamNotEnabled/i.test(message) || (err as Error)?.name === 'JetStreamNotEnabled') {
    hint = ' — JetStream is not enabled on this server: start nats-server with -js (or a jetstream {} block in its config)';
  } else if (/authorization violation|authentication/i.test(message)) {
    hint = ' — wrong or missing NATS credentials (give them in the URL: nats://user:pass@host:4222)';
  } else if (/permission/i.test(message)) {
    hint = ' — the NATS user lacks permission: allow publish to $JS.API.> and the stream subjects, and subscribe to _INBOX.>';
  } else if (/ECONNREFUSED|CONNECTION_REFUSED|refused|timeout|TIMEOUT/i.test(message + String(code ?? ''))) {
    hint = ' — is nats-server running and reachable?';
  }
  return new Error(`${what} (NATS ${redactNatsUrl(url)}): ${message}${hint}`);
}

/**
 * Splits credentials out of `nats://user:pass@host:port` (or `nats://token@host`): the client library wants
 * them as options, and the servers list must not carry them into logs.
 */
function serversAndAuth(url: string): { servers: string[]; auth: { user?: string; pass?: string; token?: string } } {
  const auth: { user?: string; pass?: string; token?: string } = {};
  const servers = url.split(',').map((raw) => {
    const u = raw.trim();
    try {
      const parsed = new URL(u);
      if (parsed.username && parsed.password) {
        auth.user = decodeURIComponent(parsed.username);
        auth.pass = decodeURIComponent(parsed.password);
      } else if (parsed.username) auth.token = decodeURIComponent(parsed.username);
      return `${parsed.protocol}//${parsed.host}`;
    } catch {
      return u;
    }
  });
  return { servers, auth };
}

/**
 * Connects to NATS, reconnecting for ever after the first connection (the collector answers 503 while
 * disconnected). The first connection fails with a clear error. Credentials may be given in the URL
 * (`nats://user:pass@host:4222` or `nats://token@host:4222`).
 *
 * @example
 * const nc = await connectNats('nats://127.0.0.1:4222', 'touchpoint-collector');
 */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  const { servers, auth } = serversAndAuth(url);
  try {
    return await connect({ servers, ...auth, name, maxReconnectAttempts: -1, reconnectTimeWait: 500, timeout: 5000 });
  } catch (err) {
    throw explainNatsError(err, url, 'cannot connect to NATS');
  }
}

/**
 * Creates the stream, or checks that the one there is compatible: file storage, our subjects, work-queue
 * retention and the replicas asked for. A mismatch is an error naming the field, never a silent change
 * (another team's stream with the same name must not be altered).
 *
 * @returns the JetStream manager, for consumer setup
 */
export async function ensureStream(nc: NatsConnection, options: StreamOptions): Promise<JetStreamManager> {
  const want = streamConfig(options);
  let jsm: JetStreamManager;
  try {
    jsm = await jetstreamManager(nc);
  } catch (err) {
    throw explainNatsError(err, options.url, 'JetStream is unavailable');
  }
  let have: StreamConfig | undefined;
  try {
    have = (await jsm.streams.info(want.name)).config;
  } catch (err) {
    if ((err as Error).name !== 'StreamNotFoundError' && !/stream not found/i.test((err as Error).message)) throw explainNatsError(err, options.url, `cannot read stream ${want.name}`);
  }
  if (!have) {
    try {
      await jsm.streams.add(want);
      return jsm;
    } catch (err) {
      // Another process created it between our check and add: fall through to the check.
      if (!/already in use|exists/i.test((err as Error).message)) throw explainNatsError(err, options.url, `cannot create stream ${want.name}`);
      have = (await jsm.streams.info(want.name)).config;
    }
  }
  const problems: string[] = [];
  const subject = want.subjects[0]!;
  if (!have.subjects?.includes(subject)) problems.push(`subjects are [${(have.subjects ?? []).join(', ')}], expected to include ${subject}`);
  if (have.storage !== StorageType.File) problems.push(`storage is ${have.storage}, expected file`);
  if (have.retention !== RetentionPolicy.Workqueue) problems.push(`retention is ${have.retention}, expected workqueue`);
  if (have.num_replicas !== want.num_replicas) problems.push(`replicas are ${have.num_replicas}, expected ${want.num_replicas}`);
  if (problems.length) throw new Error(`stream ${want.name} on ${redactNatsUrl(options.url)} exists with another configuration: ${problems.join('; ')}. Use another --stream-name or fix the stream (nats stream edit ${want.name}).`);
  return jsm;
}

/** The durable pull consumer the loaders share. */
export interface ConsumerOptions {
  /** durable name (default `touchpoint-loader`); loaders with the same name share the work */
  consumer?: string;
  /** how long a delivered message may stay unacknowledged before redelivery, ms (default 60000) */
  ackWaitMs?: number;
  /** messages delivered but not yet acked, across all loaders (default 50000) */
  maxAckPending?: number;
}

/**
 * Creates the loaders' durable pull consumer, or checks the one there (pull, explicit acks).
 *
 * @returns the durable name
 */
export async function ensureConsumer(jsm: JetStreamManager, options: StreamOptions & ConsumerOptions): Promise<string> {
  const stream = streamConfig(options).name;
  const durable = options.consumer ?? 'touchpoint-loader';
  try {
    const info = await jsm.consumers.info(stream, durable);
    const c = info.config;
    if (c.deliver_subject) throw new Error(`consumer ${durable} on stream ${stream} is a push consumer; the loader needs a pull consumer`);
    if (c.ack_policy !== AckPolicy.Explicit) throw new Error(`consumer ${durable} on stream ${stream} has ack policy ${c.ack_policy}; the loader needs explicit acks`);
    return durable;
  } catch (err) {
    if ((err as Error).name !== 'ConsumerNotFoundError' && !/consumer not found/i.test((err as Error).message)) {
      if (/consumer .* (is a push|has ack policy)/.test((err as Error).message)) throw err;
      throw explainNatsError(err, options.url, `cannot read consumer ${durable} on stream ${stream}`);
    }
  }
  try {
    await jsm.consumers.add(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: Math.floor((options.ackWaitMs ?? 60_000) * NANOS),
      max_ack_pending: options.maxAckPending ?? 50_000,
      max_deliver: -1,
    });
  } catch (err) {
    if (!/already in use|exists/i.test((err as Error).message)) throw explainNatsError(err, options.url, `cannot create consumer ${durable} on stream ${stream}`);
  }
  return durable;
}
