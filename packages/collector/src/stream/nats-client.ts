// The one module that imports the NATS client libraries: the rest of the collector (and the tests, which
// live outside this package's dependency tree) take them from here.
export { AckPolicy, DeliverPolicy, DiscardPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
export type { JetStreamManager, JsMsg, StreamConfig } from '@nats-io/jetstream';
export { connect, createInbox, headers } from '@nats-io/transport-node';
export type { Msg, NatsConnection } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';

/** The client's protocol writer: takes pre-encoded protocol bytes (`HPUB …`, `PUB …`) as one socket write. */
export interface ProtocolWriter {
  sendCommand(cmd: Uint8Array): void;
}

/**
 * The connection's protocol writer, which the client types but does not export as public API: batching
 * publishes and acks through it spares the client's per-message work. `undefined` for a client version
 * without it; callers then fall back to `nc.publish` / `m.ack()`.
 */
export function protocolWriter(nc: NatsConnection): ProtocolWriter | undefined {
  const protocol = (nc as unknown as { protocol?: Partial<ProtocolWriter> }).protocol;
  return typeof protocol?.sendCommand === 'function' ? (protocol as ProtocolWriter) : undefined;
}
