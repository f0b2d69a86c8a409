import type { P5Stage, Phase } from '@touchpoint/schema';

/** Where traffic came from, classified at ingestion from referrer, UTM parameters and click ids. */
export type Channel = 'direct' | 'organic_search' | 'paid_search' | 'social' | 'paid_social' | 'email' | 'referral' | 'display' | 'affiliate' | 'other';

/**
 * One touchpoint as stored: the validated envelope flattened into the columns reports filter and group
 * by, plus the whole clean event as JSON in `data`. Column names are the snake_case of these fields.
 */
export interface StoredEvent {
  site: string;
  id: string;
  name: string;
  /** client timestamp corrected for clock skew, ms since epoch */
  ts: number;
  /** collector time of receipt, ms since epoch */
  receivedAt: number;
  anonymousId: string | null;
  userId: string | null;
  sessionId: string | null;
  phase: Phase | null;
  p5: P5Stage | null;
  channel: Channel;
  url: string | null;
  path: string | null;
  title: string | null;
  referrer: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  clickIdParam: string | null;
  browser: string | null;
  os: string | null;
  device: string | null;
  isBot: boolean;
  /** truncated client IP (or null when IPs are dropped) — never the raw address */
  ip: string | null;
  /** the clean event (`TouchpointEvent`) as JSON text */
  data: string;
  /** a `web_vitals` touchpoint's metric (`LCP`, `INP`, …); absent or null for other touchpoints */
  metric?: string | null;
  /** a `web_vitals` touchpoint's value (ms, or unitless for CLS); absent or null for other touchpoints */
  value?: number | null;
  /**
   * An identity claim the collector verified for this request (the first-party cookie, an e-mail link):
   * the event's anonymous id belongs to the same person as `anonymousId` or `userId`. Written as an
   * `identity_links` row (`via`) in the event's transaction; never a column of `events`.
   */
  linkTo?: IdentityClaim | null;
}

/** What {@link StoredEvent.linkTo} says: the browser belongs to the person of this other id. */
export interface IdentityClaim {
  via: 'cookie' | 'email';
  anonymousId?: string;
  userId?: string;
}

/** What a write did: rows inserted now, and rows that were already there (same site and id). */
export interface WriteResult {
  inserted: number;
  duplicates: number;
  /** identity links refused for these events (docs/identity.md rule 2); absent when none */
  identityConflicts?: number;
}

/**
 * Anything the ingestion pipeline can hand accepted events to: a store, or a stream in front of stores.
 * `write` resolves only once the events are durable (committed / acknowledged); it rejects otherwise,
 * and the handler then answers 503 — never a 2xx for what was not kept.
 */
export interface EventSink {
  write(events: StoredEvent[]): Promise<WriteResult>;
  /** true when the backing service is reachable (used by `/readyz`) */
  ready(): Promise<boolean>;
  /** finishes in-flight writes and releases connections */
  close(): Promise<void>;
}

/** Filter for reading stored events back (export, reports). Times are ms since epoch, `to` exclusive. */
export interface EventFilter {
  site?: string;
  from?: number;
  to?: number;
}

/** The SQL dialect a store speaks, for the few queries that differ. */
export type Dialect = 'sqlite' | 'postgres';

/**
 * A database behind the collector. One implementation per file (`sqlite.ts`, `postgres.ts`); the same
 * contract tests run against each.
 */
export interface Store extends EventSink {
  readonly dialect: Dialect;
  /**
   * Runs one read or write statement with `?` placeholders (translated to `$n` for PostgreSQL) and
   * returns the rows. Integers come back as JS numbers on every store.
   */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * Like {@link Store.query} for a read, with each row as an array of its values in column order: for
   * results of 100,000s of rows, where building an object per row is a large share of the time.
   */
  queryArrays(sql: string, params?: readonly unknown[]): Promise<unknown[][]>;
  /** Streams stored events in (ts, id) order with constant memory. */
  iterate(filter: EventFilter): AsyncIterable<StoredEvent>;
}
