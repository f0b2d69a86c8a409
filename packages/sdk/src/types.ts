import type { Campaign, CheckoutProperties, FeedbackProperties, Properties, StageOverrides, TouchpointBatch, TouchpointEvent } from '@touchpoint/schema';

/** Consent state: `granted` sends, `pending` keeps touchpoints on the device, `denied` drops them. */
export type ConsentState = 'granted' | 'denied' | 'pending';

/** What `onError` receives: a stable `code`, a readable `message` and, for drops, how many and why. */
export interface TouchpointError {
  /** `config`, `invalid`, `storage`, `dropped`, `rejected` or `queue_full` */
  code: string;
  message: string;
  /** HTTP status of a refused batch */
  status?: number;
  /** number of touchpoints concerned */
  count?: number;
}

/** Where queued touchpoints live: IndexedDB by default, memory as fallback (or in tests). */
export interface QueueStore {
  keys(): Promise<string[]>;
  getMany(keys: string[]): Promise<(TouchpointEvent | undefined)[]>;
  setMany(entries: [string, TouchpointEvent][]): Promise<void>;
  delMany(keys: string[]): Promise<void>;
  clear(): Promise<void>;
}

/** `native` (TouchpointBatch), `segment` (Segment HTTP batch) or a function building the body from a batch. */
export type PayloadFormat = 'native' | 'segment' | ((batch: TouchpointBatch) => unknown);

/** Settings for {@link init}. Only `endpoint` and `site` are required. */
export interface Config {
  /** collector URL the batches are POSTed to, e.g. `https://collect.example.com/v1/touchpoints` */
  endpoint: string;
  /** site id */
  site: string;
  /** write key, sent in the batch body */
  writeKey?: string;
  /** most touchpoints per request; default 50 (at most 500) */
  batchSize?: number;
  /** most bytes per request; default 64 KB (at most 512 KB) */
  batchBytes?: number;
  /** ms between flushes of a non-empty queue; default 5000 */
  flushInterval?: number;
  /** first retry delay in ms (exponential backoff with full jitter); default 500 */
  retryBase?: number;
  /** longest retry delay in ms; default 60000 */
  retryCap?: number;
  /** most touchpoints kept on the device; default 1000 (oldest dropped first) */
  queueLimit?: number;
  /** most bytes kept on the device; default 1 MB (oldest dropped first) */
  queueBytes?: number;
  /** initial consent; default `granted` */
  consent?: ConsentState;
  /** treat `navigator.doNotTrack === '1'` as denied; default false */
  respectDnt?: boolean;
  /** treat `navigator.globalPrivacyControl` as denied; default false */
  respectGpc?: boolean;
  /** persist no anonymous id, user id or attribution (memory only); default false */
  cookieless?: boolean;
  /** payload format; default `native` */
  format?: PayloadFormat;
  /** extra request headers (requests then go with `fetch`, never `sendBeacon`) */
  headers?: Record<string, string>;
  /**
   * `'include'` when the collector is on another subdomain of the shop and keeps the first-party identity
   * cookie (collector README, "Returning visitors in Safari"): fetch then sends and accepts its cookie, as
   * `sendBeacon` always does. Default: the browser's (`same-origin`)
   */
  credentials?: RequestCredentials;
  /** query parameters kept in URLs besides UTM parameters and click ids */
  keepParams?: string[];
  /**
   * the site is a hash-routed SPA: `#/…` fragments are routes, kept in URLs (their query stripped like
   * the page's) and tagged as page views on `hashchange`; other fragments are still dropped. Default false
   */
  hashRoutes?: boolean;
  /** journey stage per touchpoint name, overriding schema defaults */
  stages?: StageOverrides;
  /** called with every error or drop; never required */
  onError?: (error: TouchpointError) => void;
  /** log to the console; default false */
  debug?: boolean;
  /** tag `page_view` on load and SPA navigations (full build); default true */
  autoPageViews?: boolean;
  /** tag `ad_landing` when entering with UTM parameters or a click id (full build); default true */
  adLandings?: boolean;
  /** `data-touchpoint` click and form tagging (full build); default true */
  declarative?: boolean;
  /** chat widgets whose opening tags `support_open` (full build): `intercom`, `zendesk`, `crisp`, `hubspot`, `tawk`, `freshchat` */
  widgets?: string[];
  /** queue store; default IndexedDB (database `touchpoint`, store `queue`), memory when unavailable */
  store?: QueueStore;
  /** fetch implementation; default `globalThis.fetch` */
  fetch?: typeof fetch;
}

/** A checkout step's properties besides `step` and `step_number`. */
export type CheckoutInput = Partial<Omit<CheckoutProperties, 'step'>> & Properties;

/** The SDK's API, on the ESM exports, on `window.touchpoint` and on every client. */
export interface Client {
  /** tags any named touchpoint */
  tag(name: string, properties?: Properties): void;
  pageView(properties?: Properties): void;
  adLanding(campaign?: Campaign, properties?: Properties): void;
  signUp(properties?: Properties): void;
  checkoutStep(step: string, properties?: CheckoutInput): void;
  supportOpen(widget: string, properties?: Properties): void;
  feedback(input: Omit<FeedbackProperties, 'scale'> & { scale: 'nps' | 'csat' }): void;
  identify(userId: string, traits?: Properties): void;
  consent(state: ConsentState): void;
  flush(): Promise<void>;
  reset(): void;
  /** runs a plugin (e.g. web vitals) with this client */
  use(plugin: (client: Client) => void): void;
  /** id of the current page's `page_view`, once tagged */
  pageViewId(): string | undefined;
  /** tags with envelope fields set by the caller (for plugins): returns the event id or undefined when dropped */
  track(name: string, properties?: Properties, extra?: Partial<TouchpointEvent>): string | undefined;
  /** stops timers and listeners (tests, or a site tearing down) */
  stop(): void;
}

/** An automatic feature of the full build, started by `init`. */
/** Internals a feature may use (mangled in the minified builds: never on the wire or in storage). */
export interface Internals {
  _invalid(message: string): void;
  _kv: import('./context/storage.js').KeyValue;
  _enrich: Array<(e: TouchpointEvent) => void>;
  _state(): ConsentState;
}

export type Feature = (client: Client, config: Config) => (() => void) | void;
