import type { Route, RouteInfo } from '../handler.js';
import { HttpError } from '../http-error.js';
import { silentLogger, type Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { RunOptions } from '../check-ads/run-checks.js';
import type { Store } from '../store/types.js';
import { accessApi } from './access-api.js';
import { apiContext } from './api-context.js';
import { AUDIT_RETENTION_DAYS, createAuditLog } from './audit.js';
import { createAuthenticator } from './authenticate.js';
import { crossSiteReason } from './cross-site.js';
import type { Sites } from '../sites.js';
import { DASHBOARD_CSP, dashboardAsset } from './dashboard.js';
import { emailLinkApi } from './email-link-api.js';
import type { EmailLinks } from '../email/email-links.js';
import { json } from './http.js';
import { BadParam } from './params.js';
import { peopleApi } from './people-api.js';
import { createReportApi } from './report-api.js';
import { csrfMatches } from './sessions.js';
import { signIn, signOut, whoAmI } from './session-api.js';
import { sharedReport } from './shared-api.js';
import { createThrottle, type ThrottleOptions } from './throttle.js';
import { createTokenMatcher } from './token.js';

export { ACTION_ROLES, allows, roleOn, type Action, type Grant, type Principal, type Role } from './roles.js';
export { createAccessKey, listAccessKeys, getAccessKey, revokeAccessKey, type AccessKey, type CreatedKey } from './keys.js';
export { createSharedLink, listSharedLinks, revokeSharedLink, sharedLinkPath, SHAREABLE_REPORTS, type SharedLink, type ShareableReport } from './shared-links.js';
export { recordAudit, readAudit, pruneAudit, AUDIT_RETENTION_DAYS, type AuditEntry, type AuditFilter, type AuditInput } from './audit.js';
export type { ThrottleOptions } from './throttle.js';

/** Options of {@link createAdminRoutes}. */
export interface AdminOptions {
  store: Store;
  /**
   * the single admin token (≥ 16 characters), separate from site write keys: an admin of every site, as a
   * bearer or to sign in to the dashboard. Optional: personal access keys in the store work without it.
   */
  token?: string;
  /**
   * Options of "check now" runs. The SSRF guard refuses private, loopback and link-local targets unless
   * listed in `allow` (hosts, addresses or CIDR ranges; for tests and intranets). Default concurrency 8, per host 2.
   */
  checks?: Omit<RunOptions, 'onProgress'>;
  /** largest catalogue upload, bytes (default 5 MB) */
  maxCatalogueBytes?: number;
  /** the handler's metrics (`handler.metrics`, or the `metrics` given to it): failed and throttled sign-ins are counted there */
  metrics?: Metrics;
  /** where failed and throttled sign-ins are logged (default: nowhere) */
  log?: Logger;
  /** how long a dashboard session lasts, ms (default 12 hours) */
  sessionTtlMs?: number;
  /** when failed sign-ins and wrong tokens are throttled (default: 5 a minute, then blocked 30 s, doubling up to an hour) */
  throttle?: ThrottleOptions;
  /** how long the audit log keeps entries, days (default 365) */
  auditRetentionDays?: number;
  /** the collector's sites (a site's `funnel` sets the steps of `GET /api/reports/funnel`) */
  sites?: Sites;
  /** e-mail links (`createEmailLinks` from `@touchpoint/collector/email`): enables `POST /api/email-links` */
  emailLinks?: Pick<EmailLinks, 'mint'>;
  /** clock, ms since epoch (tests) */
  now?: () => number;
}

const SAFE = new Set(['GET', 'HEAD']);

/**
 * The admin side of the collector: the JSON admin API under `/api/…` and the dashboard at `/dashboard`
 * (`GET /` redirects there).
 * Callers are a personal access key or the admin token as `Authorization: Bearer` (scripts), or the
 * dashboard's session cookie (`POST /api/session` with a key); each endpoint needs a role on its site
 * (viewer: reports, catalogue and check results; admin: imports, "check now", access, shared links,
 * e-mail links, the audit log). Failed sign-ins and wrong tokens are throttled per client address and per account
 * (429 with `Retry-After`). Calls made with the cookie that change anything must come from the
 * dashboard's own origin with the session's `X-CSRF-Token`. Every admin action goes to the audit log.
 *
 * Endpoints: `POST|GET|DELETE /api/session`; `GET /api/sites`; `GET /api/reports/journey|ads|feedback|funnel|weak-touchpoints?site=&from=&to=&bots=`;
 * `GET /api/reports/attribution?site=&from=&to=&bots=&model=&lookbackDays=&by=`;
 * `GET|POST /api/catalogue?site=`; `GET|POST /api/check-ads?site=`; `GET|POST /api/access/keys`,
 * `DELETE /api/access/keys/{id}`; `GET|POST /api/shared-links`, `DELETE /api/shared-links/{id}`;
 * `GET /api/audit?site=&from=&to=&limit=`; `GET /api/shared/report?from=&to=` (with a shared link's token);
 * `POST /api/email-links` (with `emailLinks`: `{ site, campaign, user, to, expiresInDays? }` → the open and click URLs);
 * `GET /api/reports/retention?site=&from=&to=&by=&period=`, `GET /api/people/timeline?site=&user=|anonymous=&limit=`
 * (viewer) and `DELETE /api/people?site=&user=|anonymous=` (erasure: admin).
 * @example createHandler({ sink: store, sites, routes: [createAdminRoutes({ store, token: process.env.TOUCHPOINT_ADMIN_TOKEN, metrics })], metrics })
 */
export function createAdminRoutes(options: AdminOptions): Route {
  const { store, maxCatalogueBytes = 5_000_000 } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? silentLogger;
  const ttlMs = options.sessionTtlMs ?? 12 * 3_600_000;
  if (!(ttlMs >= 60_000)) throw new Error('session lifetime: at least a minute');
  const adminToken = options.token === undefined ? undefined : createTokenMatcher(options.token);
  const throttle = createThrottle(store, options.throttle);
  const auth = createAuthenticator({ store, adminToken, throttle, metrics: options.metrics, log, now });
  const auditLog = createAuditLog(store, options.auditRetentionDays ?? AUDIT_RETENTION_DAYS);
  const reportApi = createReportApi({ checks: { concurrency: 8, perHost: 2, ...options.checks }, maxCatalogueBytes, sites: options.sites });

  async function api(request: Request, url: URL, info: RouteInfo): Promise<Response> {
    const ip = info.clientIp ?? null;
    if (url.pathname === '/api/shared/report') return sharedReport(request, url, { store, throttle, metrics: options.metrics, log, now, ip });
    if (url.pathname === '/api/session' && request.method === 'POST') {
      return signIn(request, { store, auth, ttlMs, now, ip, https: info.https, host: info.host,
        record: (principal) => auditLog.record({ actor: principal.id, actorName: principal.name, action: 'session.start', site: null, detail: {}, ip, at: now() }) });
    }
    const caller = await auth.caller(request, ip);
    if (caller.via === 'session' && !SAFE.has(request.method)) {
      // A browser attaches the cookie by itself: prove the call comes from the dashboard page.
      const cross = crossSiteReason(request, info.host);
      if (cross) throw new HttpError(403, `cross-site request refused (${cross})`);
      if (!csrfMatches(caller.session!, request.headers.get('x-csrf-token'))) throw new HttpError(403, 'missing or wrong X-CSRF-Token: reload the dashboard');
    }
    const ctx = apiContext({ store, caller, ip, https: info.https, now }, (entry) => auditLog.record(entry));
    if (url.pathname === '/api/session') {
      if (request.method === 'GET') return whoAmI(caller);
      if (request.method === 'DELETE') return signOut(ctx);
    }
    const answer = (await reportApi(request, url, ctx)) ?? (await peopleApi(request, url, ctx)) ?? (await accessApi(request, url, ctx)) ?? (await emailLinkApi(request, url, ctx, options.emailLinks));
    return answer ?? json(404, { error: `no such endpoint: ${request.method} ${url.pathname}` });
  }

  return async function adminRoutes(request: Request, info?: RouteInfo): Promise<Response | undefined> {
    const url = new URL(request.url);
    // The collector's own address leads a person to the dashboard (relative: right behind any proxy).
    if (url.pathname === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
      return new Response(null, { status: 302, headers: { location: '/dashboard', 'cache-control': 'no-store' } });
    }
    if (url.pathname === '/dashboard' || url.pathname.startsWith('/dashboard/')) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405, headers: { allow: 'GET, HEAD' } });
      const asset = dashboardAsset(url.pathname);
      if (!asset) return undefined;
      return new Response(request.method === 'HEAD' ? null : asset.body, {
        headers: {
          'content-type': asset.type,
          'content-security-policy': DASHBOARD_CSP,
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
          // a key may sit in the page URL (?token=), a shared link's token in its fragment: never send them to another site
          'referrer-policy': 'no-referrer',
          'cache-control': 'no-store',
        },
      });
    }
    if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) return undefined;
    try {
      return await api(request, url, info ?? { https: url.protocol === 'https:', host: url.host });
    } catch (err) {
      if (err instanceof BadParam) return json(400, { error: err.message });
      if (err instanceof HttpError) return json(err.status, { error: err.message }, err.headers);
      throw err;
    }
  };
}
