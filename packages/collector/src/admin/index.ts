import type { Route } from '../handler.js';
import { parseCatalogue } from '../catalogue/parse.js';
import { loadCatalogue, saveCatalogue } from '../catalogue/store.js';
import { checkHistory, latestCheckResults, saveCheckResults } from '../check-ads/history.js';
import { runChecks, sortWorstFirst, type RunOptions } from '../check-ads/run-checks.js';
import { attachVisits } from '../check-ads/with-visits.js';
import { adsReport } from '../reports/ads.js';
import { feedbackReport } from '../reports/feedback.js';
import { journeyReport } from '../reports/journey.js';
import type { Store } from '../store/types.js';
import { DASHBOARD_CSP, dashboardAsset } from './dashboard.js';
import { BadParam, filterFrom } from './params.js';
import { createTokenCheck } from './token.js';

/** Options of {@link createAdminRoutes}. */
export interface AdminOptions {
  store: Store;
  /** the admin token (≥ 16 characters), separate from site write keys; sent as `Authorization: Bearer …` */
  token: string;
  /**
   * Options of "check now" runs. The SSRF guard refuses private, loopback and link-local targets unless
   * listed in `allow` (hosts, addresses or CIDR ranges; for tests and intranets). Default concurrency 8, per host 2.
   */
  checks?: Omit<RunOptions, 'onProgress'>;
  /** largest catalogue upload, bytes (default 5 MB) */
  maxCatalogueBytes?: number;
}

const API_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { ...API_HEADERS, ...headers } });

/**
 * The admin side of the collector: the JSON report API under `/api/…` (every call needs the admin token
 * as `Authorization: Bearer`, compared in constant time; 401 otherwise) and the dashboard page at
 * `/dashboard` (static, strict CSP; it asks for the token once and keeps it in sessionStorage).
 *
 * Endpoints: `GET /api/sites`; `GET /api/reports/journey|ads|feedback?site=&from=&to=` (ms, `YYYY-MM-DD`
 * or ISO date-time; `to` exclusive, a bare date includes that day); `GET|POST /api/catalogue?site=`
 * (POST body CSV or JSON; bad rows come back by line); `POST /api/check-ads?site=` (checks the registered
 * catalogue now and keeps the results); `GET /api/check-ads?site=` (latest results with their history,
 * beside what visitors saw on the same landing pages).
 * @example createHandler({ sink: store, sites, routes: [createAdminRoutes({ store, token: process.env.TOUCHPOINT_ADMIN_TOKEN! })] })
 */
export function createAdminRoutes(options: AdminOptions): Route {
  const { store, maxCatalogueBytes = 5_000_000 } = options;
  const isAdmin = createTokenCheck(options.token);
  const checks: RunOptions = { concurrency: 8, perHost: 2, ...options.checks };
  const running = new Set<string>();

  const api = async (request: Request, url: URL): Promise<Response> => {
    const q = url.searchParams;
    const route = `${request.method} ${url.pathname}`;
    const needSite = () => {
      const site = q.get('site');
      if (!site) throw new BadParam('site: required');
      return site;
    };
    switch (route) {
      case 'GET /api/sites': {
        const rows = await store.query<{ site: string }>('SELECT DISTINCT site FROM events ORDER BY site');
        return json(200, { sites: rows.map((r) => r.site) });
      }
      case 'GET /api/reports/journey':
        return json(200, await journeyReport(store, filterFrom(q)));
      case 'GET /api/reports/ads':
        return json(200, await adsReport(store, filterFrom(q)));
      case 'GET /api/reports/feedback':
        return json(200, await feedbackReport(store, filterFrom(q)));
      case 'GET /api/catalogue':
        return json(200, { ads: await loadCatalogue(store, needSite()) });
      case 'POST /api/catalogue': {
        const site = needSite();
        const declared = Number(request.headers.get('content-length') ?? 0);
        if (declared > maxCatalogueBytes) return json(413, { error: `catalogue larger than ${maxCatalogueBytes} bytes` });
        // Bytes, not text: an Excel export in Windows-1252 is decoded by the catalogue reader.
        const bytes = new Uint8Array(await request.arrayBuffer());
        if (bytes.byteLength > maxCatalogueBytes) return json(413, { error: `catalogue larger than ${maxCatalogueBytes} bytes` });
        const { ads, errors } = parseCatalogue(bytes);
        const imported = await saveCatalogue(store, site, ads);
        return json(imported === 0 && errors.length ? 422 : 200, { imported, errors });
      }
      case 'POST /api/check-ads': {
        const site = needSite();
        if (running.has(site)) return json(409, { error: `a check of ${site} is already running` });
        running.add(site);
        try {
          const ads = (await loadCatalogue(store, site)).filter((a) => a.landingUrl);
          if (ads.length === 0) return json(422, { error: 'no ad with a landing_url in the catalogue: import one with POST /api/catalogue' });
          const results = await runChecks(ads, { ...checks, store, site });
          await saveCheckResults(store, site, results);
          const { rows } = await adsReport(store, { site });
          return json(200, { results: attachVisits(results, rows) });
        } finally {
          running.delete(site);
        }
      }
      case 'GET /api/check-ads': {
        const site = needSite();
        const [latest, history, report] = await Promise.all([latestCheckResults(store, site), checkHistory(store, site), adsReport(store, { site })]);
        return json(200, { results: attachVisits(sortWorstFirst(latest), report.rows), history });
      }
      default:
        return json(404, { error: `no such endpoint: ${route}` });
    }
  };

  return async function adminRoutes(request: Request): Promise<Response | undefined> {
    const url = new URL(request.url);
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
          // the token may sit in the page URL (?token=): never send it to another site
          'referrer-policy': 'no-referrer',
          'cache-control': 'no-store',
        },
      });
    }
    if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) return undefined;
    if (!isAdmin(request)) return json(401, { error: 'admin token required: Authorization: Bearer <token>' }, { 'www-authenticate': 'Bearer realm="touchpoint-admin"' });
    try {
      return await api(request, url);
    } catch (err) {
      if (err instanceof BadParam) return json(400, { error: err.message });
      throw err;
    }
  };
}
