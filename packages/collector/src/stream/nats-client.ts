// The one module that imports the NATS client libraries: the rest of the collector (and the tests, which
// live outside this package's dependency tree) take them from here.
export { AckPolicy, DeliverPolicy, DiscardPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
export type { JetStreamManager, JsMsg, StreamConfig } from '@nats-io/jetstream';
export { connect, createInbox, headers } from '@nats-io/transport-node';
export type { Msg, NatsConnection } from '@nats-io/transport-node';
