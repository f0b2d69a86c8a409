/** Limits shared by the SDK (so it never sends what the collector refuses) and the collector. */
export const LIMITS = {
  /** largest request body the collector accepts, bytes */
  maxBatchBytes: 512 * 1024,
  /** most events in one batch */
  maxBatchEvents: 500,
  /** largest single event, bytes of JSON */
  maxEventBytes: 32 * 1024,
  /** sendBeacon / keepalive fetch body limit in browsers (spec: 64 KiB across in-flight keepalive requests) */
  maxBeaconBytes: 64 * 1024,
  /** longest string value kept in properties */
  maxStringLength: 8 * 1024,
  /** deepest nesting of objects/arrays in properties */
  maxDepth: 6,
  /** most keys in one properties object */
  maxKeys: 128,
  /** longest id (event, anonymous, session, user) */
  maxIdLength: 128,
  /** longest URL */
  maxUrlLength: 4096,
  /** events older than this (by client clock) are refused, ms */
  maxAgeMs: 30 * 24 * 3600 * 1000,
  /** events more than this far in the future (after skew correction) are refused, ms */
  maxFutureMs: 24 * 3600 * 1000,
  /** session inactivity timeout, ms */
  sessionTimeoutMs: 30 * 60 * 1000,
} as const;
