import { timingSafeEqual } from 'node:crypto';
import type { BatchResponse } from '@touchpoint/schema';
import { corsHeaders, preflightResponse } from './cors.js';
import { HttpError } from './http-error.js';
import { identityCookie, type IdentityCookieOptions } from './identity-cookie.js';
import { jitsuRouteOf, type JitsuRoute } from './jitsu/paths.js';
import { assertKnownJitsuType, jitsuIpPolicy, readJitsuEvent } from './jitsu/read-request.js';
import { jitsuSiteKey } from './jitsu/write-key.js';
import { createLogger, type Logger } from './log.js';
import { createMetrics, type Metrics } from './metrics.js';
import type { EventHints, RequestContext } from './pipeline/enrich.js';
import { ingest } from './pipeline/ingest.js';
import type { IpPolicy } from './pipeline/ip.js';
import { parseJson, readBody } from './pipeline/read-body.js';
import { validateBody, type ValidBatch } from './pipeline/validate.js';
import { createRateLimiter, type RateLimitOptions } from './rate-limit.js';
import { SEGMENT_PATHS } from './segment/paths.js';
import { beaconWriteKey } from './rudderstack/beacon.js';
import { readSegmentBody } from './segment/read-request.js';
import { createSites, type SiteConfig, type Sites } from './sites.js';
import { createSuppressedFilter } from './people/suppressed-ids.js';
import type { EventSink, IdentityClaim, Store } from './store/types.js';

/** What the handler asks of e-mail links (`createEmailLinks` from `@touchpoint/collector/email`). */
export interface LinkClaims {
  /** the claim a landing page's `tp_link` token makes for `site`, once verified; else undefined */
  claim(site: string, token: string): Promise<IdentityClaim | undefined>;
}

/**
 * An extra route: answers the requests it owns, `undefined` for the others. The second argument says
 * what the handler knows of the client, with `trustProxy` applied once for every route.
 */
export type Route = (request: Request, info?: RouteInfo) => Promise<Response | undefined>;

/** What an extra {@link Route} is told about the request besides the `Request` itself. */
export interface RouteInfo {
  /** the client's address: the peer, or the first `X-Forwarded-For` entry with `trustProxy` */
  clientIp?: string;
  /** true when the client reached the collector over https: the URL's scheme, or `X-Forwarded-Proto` with `trustProxy` */
  https: boolean;
  /** the host the client addressed: the URL's host, or `X-Forwarded-Host` with `trustProxy` */
  host: string;
}

/** Facts about the connection that a Web `Request` does not carry; adapters fill them in. */
export interface ClientInfo {
  /** the peer address of the TCP connection */
  clientIp?: string;
  /**
   * The request body as the server received it, read by the ingestion endpoints instead of
   * `request.body` (the Node adapters pass the Node stream: cheaper than a Web stream). Give it only
   * for paths where {@link isIngestionPath} is true: other routes read `request.body`.
   */
  body?: AsyncIterable<Uint8Array>;
}

/** Options of {@link createHandler}. */
export interface HandlerOptions {
  /**
   * where accepted events go (a `Store` or a stream). With a store, each batch's ids are looked up in
   * `suppressed_ids` first (one query per batch) and erased people's events dropped; a stream's loader does that.
   */
  sink: EventSink;
  /** the sites served: a {@link Sites} index or plain configs */
  sites: Sites | SiteConfig[];
  /** extra routes (admin API, dashboard), tried after the collector's own routes and before 404 */
  routes?: Route[];
  /** per site and client token bucket (default 50/s, burst 200); `false` turns it off */
  rateLimit?: RateLimitOptions | false;
  /** client IP handling (default: truncate to /24 and /48) */
  ip?: IpPolicy;
  /**
   * trust the proxy in front: take the client IP from the first `X-Forwarded-For` entry, and tell extra
   * routes the scheme and host from `X-Forwarded-Proto` / `X-Forwarded-Host` (only behind a proxy you run; default false)
   */
  trustProxy?: boolean;
  /** structured logger (default: JSON lines on stderr at `info`) */
  log?: Logger;
  /** metrics served at `/metrics` (default: {@link createMetrics} with the configured sites; a registry of its own, never prom-client's global one) */
  metrics?: Metrics;
  /** serve `metrics` at `/metrics` (default true; false when they are served on a port of their own) */
  metricsRoute?: boolean;
  /**
   * E-mail links (`createEmailLinks` from `@touchpoint/collector/email`): a touchpoint carrying a link's
   * token (`link`, sent by the SDK from the landing URL's `tp_link`) is linked to the recipient once the
   * token is verified (`linkTo: { via: 'email', userId }`); an unverified token is dropped.
   */
  emailLinks?: LinkClaims;
  /**
   * The first-party identity cookie, for a collector answering on the shop's own site (README,
   * "Returning visitors in Safari"): native API answers set it (`HttpOnly`, `Secure`, `SameSite=Lax`,
   * 400 days) to the browser's first anonymous id, and a request arriving with another anonymous id and
   * the cookie links the new id to the first (`linkTo: { via: 'cookie', anonymousId }`). Off by default.
   */
  identityCookie?: IdentityCookieOptions;
  /** clock, ms since epoch (tests) */
  now?: () => number;
}

/** The collector as a Web-standard handler, plus a drain for graceful shutdown. */
export interface Handler {
  (request: Request, info?: ClientInfo): Promise<Response>;
  /** Stops accepting events (503 + Retry-After) and resolves once every request in flight has finished. */
  drain(): Promise<void>;
  readonly metrics: Metrics;
}

const INGEST_PATH = '/v1/touchpoints';

/** True for the paths whose POST body the handler reads itself: `/v1/touchpoints`, the Segment API and Jitsu's `/api/s/…`. */
export function isIngestionPath(path: string): boolean {
  return path === INGEST_PATH || Object.prototype.hasOwnProperty.call(SEGMENT_PATHS, path) || jitsuRouteOf(path) !== undefined;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

function basicAuthUser(request: Request): string | undefined {
  const h = request.headers.get('authorization');
  if (!h || !/^basic /i.test(h)) return undefined;
  const decoded = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
  const user = decoded.split(':')[0];
  return user || undefined;
}

function sameKey(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Creates the collector as a Web-standard `(Request) => Promise<Response>` handler: the native batch
 * endpoint `POST /v1/touchpoints`, the Segment Tracking API (`/v1/batch`, `/v1/track`, `/v1/t`, …),
 * Jitsu's ingest API (`/api/s/{type}`, `/api/s/s2s/{type}`), `/healthz`, `/readyz`, `/metrics`, then
 * any extra `routes`, else 404. Use it from any fetch-style server, or through the Node adapters.
 *
 * @param options - see {@link HandlerOptions}
 * @example
 * const handler = createHandler({ sink: openSqliteStore('touchpoint.db'), sites: [{ id: 'shop', origins: ['https://shop.example'] }] });
 * const response = await handler(new Request('http://localhost/healthz'));
 */
export function createHandler(options: HandlerOptions): Handler {
  const sites: Sites = Array.isArray(options.sites) ? createSites(options.sites) : options.sites;
  const log = options.log ?? createLogger();
  const metrics = options.metrics ?? createMetrics({ sites: sites.list().map((s) => s.id) });
  const now = options.now ?? Date.now;
  const limiter = options.rateLimit === false ? undefined : createRateLimiter(options.rateLimit ?? {}, now);
  const ipPolicy: IpPolicy = options.ip ?? { mode: 'truncate' };
  const routes = options.routes ?? [];
  const cookie = options.identityCookie ? identityCookie(options.identityCookie) : undefined;
  const sink = options.sink as Partial<Store> & EventSink;
  const deps = { sink: options.sink, metrics, log, suppressed: typeof sink.query === 'function' && sink.dialect ? createSuppressedFilter(sink as Store) : undefined };
  let draining = false;
  let inFlight = 0;
  const idle: Array<() => void> = [];

  function clientIp(request: Request, info?: ClientInfo): string | undefined {
    if (options.trustProxy) {
      const xff = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
      if (xff) return xff;
    }
    return info?.clientIp;
  }

  /** Site, origin, write key and rate limit checks shared by both ingestion APIs. */
  function admit(request: Request, site: SiteConfig | undefined, siteLabel: string, key: string | undefined, ip: string | undefined): SiteConfig {
    if (!site) throw new HttpError(403, `unknown site "${siteLabel}"`);
    const origin = request.headers.get('origin');
    if (origin && !sites.allows(origin, site)) throw new HttpError(403, `origin ${origin} is not allowed for site "${site.id}"`);
    if (site.writeKey && (!key || !sameKey(key, site.writeKey))) throw new HttpError(403, `missing or wrong write key for site "${site.id}"`);
    if (limiter) {
      const d = limiter.take(`${site.id}|${ip ?? ''}`);
      if (!d.ok) throw new HttpError(429, 'too many requests', { 'retry-after': String(d.retryAfterSeconds) });
    }
    return site;
  }

  function context(request: Request, site: SiteConfig, receivedAt: number, sentAt: number | undefined, ip: string | undefined): RequestContext {
    const ctx: RequestContext = { site, receivedAt, userAgent: request.headers.get('user-agent'), ip: ip ?? null, ipPolicy };
    if (sentAt !== undefined) ctx.sentAt = sentAt;
    return ctx;
  }

  /**
   * The verified identity claims of a batch's events, by body index: an e-mail link's token, else the
   * identity cookie naming another anonymous id. `keep` is what the identity cookie should hold: the
   * cookie's own value, else the batch's first anonymous id.
   */
  async function claims(request: Request, site: SiteConfig, events: ValidBatch['events']): Promise<{ hints: EventHints[]; keep: string | undefined }> {
    const hints: EventHints[] = [];
    const had = cookie?.read(request.headers.get('cookie'));
    let keep = had;
    for (const { event, index } of events) {
      let claim = event.link && options.emailLinks ? await options.emailLinks.claim(site.id, event.link) : undefined;
      if (cookie) {
        claim ??= cookie.claim(had, event.anonymousId);
        keep ??= event.anonymousId;
      }
      if (claim) hints[index] = { linkTo: claim };
    }
    return { hints, keep };
  }

  const answer = (r: BatchResponse, status: number, origin: string | null, extra: Record<string, unknown> = {}) =>
    // Every event refused → 400 so clients do not retry; otherwise 200 with the lists.
    json(r.rejected.length > 0 && r.accepted + r.duplicates === 0 ? 400 : status, { ...extra, ...r }, corsHeaders(origin));

  async function native(request: Request, info?: ClientInfo): Promise<Response> {
    const receivedAt = now();
    const { text, invalidUtf8 } = await readBody(request, undefined, info?.body);
    const batch = validateBody(parseJson(text), { invalidUtf8 });
    const ip = clientIp(request, info);
    const site = admit(request, sites.byId(batch.site), batch.site, batch.writeKey ?? basicAuthUser(request), ip);
    const { hints, keep } = await claims(request, site, batch.events);
    const result = await ingest(batch, context(request, site, receivedAt, batch.sentAt, ip), deps, hints);
    const res = answer(result, 200, request.headers.get('origin'));
    const setCookie = keep && cookie?.header(keep);
    if (setCookie) res.headers.append('set-cookie', setCookie);
    return res;
  }

  async function segment(request: Request, type: string, info?: ClientInfo): Promise<Response> {
    const receivedAt = now();
    const { text, invalidUtf8 } = await readBody(request, undefined, info?.body);
    const seg = readSegmentBody(parseJson(text), type);
    const key = basicAuthUser(request) ?? seg.writeKey ?? beaconWriteKey(new URL(request.url));
    if (!key) throw new HttpError(403, 'missing write key (basic-auth user or body writeKey)');
    const ip = clientIp(request, info);
    const site = admit(request, sites.byWriteKey(key), 'for this write key', key, ip);
    const batch = validateBody({ site: site.id, events: seg.events }, { invalidUtf8 });
    const hints: EventHints[] = seg.hints;
    const result = await ingest(batch, context(request, site, receivedAt, seg.sentAt, ip), deps, hints);
    return answer(result, 200, request.headers.get('origin'), { success: true });
  }

  /** Jitsu's ingest API as @jitsu/js sends it: one event per POST, write key in `X-Write-Key`. */
  async function jitsu(request: Request, jitsuRoute: JitsuRoute, info?: ClientInfo): Promise<Response> {
    const receivedAt = now();
    assertKnownJitsuType(jitsuRoute);
    const header = request.headers.get('x-write-key');
    if (!header) throw new HttpError(403, 'missing write key (X-Write-Key header)');
    const { site: keySite, key } = jitsuSiteKey(header, sites);
    const ip = clientIp(request, info);
    const site = admit(request, keySite, 'for this write key', key, ip);
    const { text, invalidUtf8 } = await readBody(request, undefined, info?.body);
    const { event, hints } = readJitsuEvent(parseJson(text), jitsuRoute);
    const batch = validateBody({ site: site.id, events: [event] }, { invalidUtf8 });
    const ctx = { ...context(request, site, receivedAt, hints.sentAt, ip), ipPolicy: jitsuIpPolicy(request.headers.get('x-ip-policy'), ipPolicy) };
    const result = await ingest(batch, ctx, deps, [hints]);
    // @jitsu/js parses the body as JSON and runs any `destinations` it lists in the page: never send that field.
    return answer(result, 200, request.headers.get('origin'), { ok: true });
  }

  function preflight(request: Request): Response {
    const origin = request.headers.get('origin');
    if (!origin || !sites.allows(origin)) return json(403, { error: `origin ${origin ?? '(none)'} is not allowed` });
    return preflightResponse(origin, request.headers.get('access-control-request-headers'));
  }

  async function route(request: Request, path: string, info?: ClientInfo): Promise<Response> {
    const method = request.method.toUpperCase();
    if (path === '/healthz') return new Response('ok\n', { headers: { 'content-type': 'text/plain' } });
    if (path === '/readyz') {
      const ready = !draining && (await options.sink.ready().catch(() => false));
      return new Response(ready ? 'ready\n' : 'not ready\n', { status: ready ? 200 : 503, headers: { 'content-type': 'text/plain' } });
    }
    if (path === '/metrics' && options.metricsRoute !== false) return new Response(await metrics.render(), { headers: { 'content-type': metrics.contentType } });
    const segmentType = Object.prototype.hasOwnProperty.call(SEGMENT_PATHS, path) ? SEGMENT_PATHS[path] : undefined;
    const jitsuRoute = path === INGEST_PATH || segmentType ? undefined : jitsuRouteOf(path);
    // The three ingestion APIs share their preflight, method check and shutdown answer.
    if (path === INGEST_PATH || segmentType || jitsuRoute) {
      if (method === 'OPTIONS') return preflight(request);
      if (method !== 'POST') return json(405, { error: `method ${method} not allowed, use POST` }, { allow: 'POST, OPTIONS' });
      if (draining) throw new HttpError(503, 'shutting down, retry later', { 'retry-after': '5' });
      if (segmentType) return segment(request, segmentType, info);
      return jitsuRoute ? jitsu(request, jitsuRoute, info) : native(request, info);
    }
    if (routes.length) {
      const url = new URL(request.url);
      const forwarded = (name: string) => (options.trustProxy ? request.headers.get(name)?.split(',')[0]?.trim().toLowerCase() || undefined : undefined);
      const routeInfo: RouteInfo = { https: (forwarded('x-forwarded-proto') ?? url.protocol.slice(0, -1)) === 'https', host: forwarded('x-forwarded-host') ?? url.host };
      const ip = clientIp(request, info);
      if (ip !== undefined) routeInfo.clientIp = ip;
      for (const r of routes) {
        const res = await r(request, routeInfo);
        if (res) return res;
      }
    }
    // A person opening the collector's address in a browser: say what this is and where to go.
    if (path === '/') return json(404, { error: `no route for ${method} /: this is a Touchpoint collector (touchpoints go to POST ${INGEST_PATH}, health at /healthz); its dashboard at /dashboard is not enabled here (serve it with an admin token or access keys)` });
    return json(404, { error: `no route for ${method} ${path}` });
  }

  const handler = async (request: Request, info?: ClientInfo): Promise<Response> => {
    const started = performance.now();
    inFlight++;
    let path = '/';
    let res: Response;
    try {
      path = new URL(request.url).pathname;
      res = await route(request, path, info);
    } catch (err) {
      const origin = request.headers.get('origin');
      const status = err instanceof HttpError ? err.status : 500;
      // Let an allowed page read why it was refused — a 403 for a wrong write key too, so clients drop the
      // batch instead of retrying what looks like a network error — and a 5xx's Retry-After; never echo an
      // origin no site allows.
      const cors = origin && sites.allows(origin) ? corsHeaders(origin) : {};
      if (err instanceof HttpError) res = json(err.status, { error: err.message }, { ...err.headers, ...cors });
      else {
        log.error({ path, error: (err as Error)?.stack ?? String(err) }, 'unhandled error');
        res = json(500, { error: 'internal error' }, cors);
      }
    } finally {
      inFlight--;
      if (inFlight === 0 && idle.length) for (const done of idle.splice(0)) done();
    }
    const seconds = (performance.now() - started) / 1000;
    const label = path === INGEST_PATH || Object.prototype.hasOwnProperty.call(SEGMENT_PATHS, path) || jitsuRouteOf(path)?.known || path === '/healthz' || path === '/readyz' || path === '/metrics' ? path : 'other';
    metrics.request(label, res.status, seconds);
    if (res.status >= 500) log.error({ method: request.method, path, status: res.status, ms: Math.round(seconds * 1000) }, 'request failed');
    else log.debug({ method: request.method, path, status: res.status, ms: Math.round(seconds * 1000) }, 'request');
    return res;
  };

  return Object.assign(handler, {
    metrics,
    drain(): Promise<void> {
      draining = true;
      return inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve));
    },
  });
}
