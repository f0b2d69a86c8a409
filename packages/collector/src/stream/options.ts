// The stream's settings as a plain type, free of the NATS client's types, so the core's store options
// can name them without a NATS install.
/** Where touchpoints are streamed: the JetStream stream and its subjects. */
export interface StreamOptions {
  /** NATS server(s), e.g. `nats://127.0.0.1:4222` (comma-separated for a cluster) */
  url: string;
  /** stream name (default `TOUCHPOINT`) */
  stream?: string;
  /** subject prefix; events go to `<prefix>.<site>` (default `touchpoint.events`) */
  subjectPrefix?: string;
  /** copies of each message in a JetStream cluster (default 1; 3 in production) */
  replicas?: number;
  /** how long JetStream remembers message ids to drop re-sent events, ms (default 10 minutes) */
  duplicateWindowMs?: number;
  /** stream size limit in bytes; when full, publishes fail (503) rather than dropping unloaded events (default unlimited) */
  maxBytes?: number;
}
