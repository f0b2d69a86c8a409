import type { Campaign } from './campaign.js';
import type { Stage } from './stages.js';

/** Version of the wire format below. The collector's native endpoint is `POST /v1/touchpoints`. */
export const ENVELOPE_VERSION = 1;

/** A property value: JSON without functions, `undefined` or non-finite numbers. */
export type PropertyValue = string | number | boolean | null | PropertyValue[] | { [key: string]: PropertyValue };

/** Free-form properties of a touchpoint. */
export type Properties = Record<string, PropertyValue>;

/** The page a touchpoint happened on. Query parameters outside the allow-list are stripped by the SDK. */
export interface PageContext {
  /** full URL (allow-listed query parameters only) */
  url: string;
  /** URL path, e.g. `/shoes/trail-runner` */
  path: string;
  /** `document.title` */
  title?: string;
  /** `document.referrer` (stripped like `url`) */
  referrer?: string;
}

/** First- and last-touch campaigns, attached to conversion touchpoints. */
export interface Attribution {
  /** the campaign of the visitor's first ad landing */
  first?: Campaign;
  /** the campaign of the visitor's most recent ad landing */
  last?: Campaign;
}

/** One touchpoint, as the SDK records it and the collector stores it. */
export interface TouchpointEvent {
  /** unique id (UUID; the SDK uses time-ordered v7); the collector de-duplicates by site and id */
  id: string;
  /** touchpoint name, e.g. `page_view`, `purchase` or any custom name ({@link NAME_PATTERN}) */
  name: string;
  /** client time the touchpoint happened, ms since epoch */
  ts: number;
  /** persisted first-party anonymous visitor id; absent in cookieless mode */
  anonymousId?: string;
  /** the id given to `identify()` */
  userId?: string;
  /** session id; a session ends after 30 minutes without touchpoints */
  sessionId?: string;
  /** the page it happened on */
  page?: PageContext;
  /** the campaign this page was landed on from (ad landings) */
  campaign?: Campaign;
  /** first/last-touch attribution (conversion touchpoints) */
  attribution?: Attribution;
  /** the journey stage assigned by the SDK (the collector recomputes it from its own site config) */
  stage?: Stage;
  /** free-form properties */
  properties?: Properties;
  /** user traits (`identify`) */
  traits?: Properties;
  /** the library that produced it */
  sdk?: { name: string; version: string };
  /**
   * An e-mail link's token (`tp_link`), taken by the SDK from the landing URL and sent once with the next
   * touchpoint. The collector verifies it and links the browser to the recipient; it is never stored.
   */
  link?: string;
}

/** A batch of touchpoints as sent to the collector. */
export interface TouchpointBatch {
  /** site id */
  site: string;
  /** the site's write key, when it has one (may also come as basic-auth user) */
  writeKey?: string;
  /** client time the batch was sent, ms since epoch; the collector corrects clock skew with it */
  sentAt: number;
  /** the touchpoints, at most {@link LIMITS.maxBatchEvents} */
  events: TouchpointEvent[];
  /** counts of touchpoints the SDK had to drop since the last batch, by reason */
  dropped?: Record<string, number>;
}

/** Why the collector refused one event of a batch. */
export interface RejectedEvent {
  /** position in the batch */
  index: number;
  /** the event id when it had a readable one */
  id?: string;
  /** human-readable reason, e.g. `name: must match ^[a-z][a-z0-9_]{0,63}$` */
  reason: string;
}

/** The collector's answer to a batch. */
export interface BatchResponse {
  /** events stored now */
  accepted: number;
  /** events already stored before (re-sent), acknowledged again */
  duplicates: number;
  /** events refused, with their index and reason */
  rejected: RejectedEvent[];
}
