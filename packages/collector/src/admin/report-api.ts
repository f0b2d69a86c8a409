// The report side of the admin API: sites, the reports, the ad catalogue and the ad checks —
// each behind the role its action needs on its site.
import { parseCatalogue } from '../catalogue/parse.js';
import { loadCatalogue, saveCatalogue } from '../catalogue/store.js';
import { checkHistory, latestCheckResults, saveCheckResults } from '../check-ads/history.js';
import { runChecks, sortWorstFirst, type RunOptions } from '../check-ads/run-checks.js';
import { attachVisits } from '../check-ads/with-visits.js';
import { adsReport } from '../reports/ads.js';
import { attributionReport } from '../reports/attribution.js';
import { funnelReport } from '../reports/funnel.js';
import { weakTouchpointsReport } from '../reports/weak-touchpoints.js';
import type { Sites } from '../sites.js';
import { feedbackReport } from '../reports/feedback.js';
import { journeyReport } from '../reports/journey.js';
import { renderAds, renderAttribution, renderFeedback, renderFunnel, renderJourney, renderWeakTouchpoints } from '../reports/render.js';
import type { ApiContext } from './api-context.js';
import { csvDownload, json, reportFormat } from './http.js';
import { attributionOptionsFrom, BadParam, filterFrom } from './params.js';
import { roleOn, seesAllSites } from './roles.js';

/** Options of {@link createReportApi}. */
export interface ReportApiOptions {
  checks: RunOptions;
  maxCatalogueBytes: number;
  /** the collector's sites: a site's `funnel` sets the funnel report's steps */
  sites?: Sites;
}

/** The report endpoints; `undefined` for a path that is not theirs. */
export function createReportApi(options: ReportApiOptions) {
  const running = new Set<string>();
  const needSite = (q: URLSearchParams) => {
    const site = q.get('site');
    if (!site) throw new BadParam('site: required');
    if (site.length > 200) throw new BadParam('site: longer than 200 characters');
    return site;
  };

  return async function reportApi(request: Request, url: URL, ctx: ApiContext): Promise<Response | undefined> {
    const { store, caller } = ctx;
    const q = url.searchParams;
    switch (`${request.method} ${url.pathname}`) {
      case 'GET /api/sites': {
        // The sites with data a `*` grant sees, plus every site granted by name (even before its first touchpoint).
        const all = seesAllSites(caller.principal);
        const withData = all ? (await store.query<{ site: string }>('SELECT DISTINCT site FROM events ORDER BY site')).map((r) => r.site) : [];
        const named = caller.principal.grants.filter((g) => g.site !== '*').map((g) => g.site);
        const sites = [...new Set([...withData, ...named])].sort();
        return json(200, { sites, allSites: all, roles: Object.fromEntries(sites.map((s) => [s, roleOn(caller.principal, s)])) });
      }
      case 'GET /api/reports/journey':
      case 'GET /api/reports/ads':
      case 'GET /api/reports/feedback':
      case 'GET /api/reports/attribution':
      case 'GET /api/reports/funnel':
      case 'GET /api/reports/weak-touchpoints': {
        const filter = filterFrom(q);
        const format = reportFormat(q);
        const kind = url.pathname.slice('/api/reports/'.length);
        const attribution = kind === 'attribution' ? attributionOptionsFrom(q) : {};
        ctx.need('reports.read', filter.site);
        const answer = <R>(report: R, csv: (r: R, format: 'csv') => string) =>
          format === 'csv' ? csvDownload(kind, filter.site, csv(report, 'csv')) : json(200, report);
        switch (kind) {
          case 'journey': return answer(await journeyReport(store, filter), renderJourney);
          case 'ads': return answer(await adsReport(store, filter), renderAds);
          case 'feedback': return answer(await feedbackReport(store, filter), renderFeedback);
          case 'attribution': return answer(await attributionReport(store, filter, attribution), renderAttribution);
          case 'funnel': {
            const steps = filter.site === undefined ? undefined : options.sites?.byId(filter.site)?.funnel;
            return answer(await funnelReport(store, filter, { steps }), renderFunnel);
          }
          default: return answer(await weakTouchpointsReport(store, filter), renderWeakTouchpoints);
        }
      }
      case 'GET /api/catalogue': {
        const site = needSite(q);
        ctx.need('catalogue.read', site);
        return json(200, { ads: await loadCatalogue(store, site) });
      }
      case 'POST /api/catalogue': {
        const site = needSite(q);
        ctx.need('catalogue.import', site);
        const max = options.maxCatalogueBytes;
        const declared = Number(request.headers.get('content-length') ?? 0);
        if (declared > max) return json(413, { error: `catalogue larger than ${max} bytes` });
        // Bytes, not text: an Excel export in Windows-1252 is decoded by the catalogue reader.
        const bytes = new Uint8Array(await request.arrayBuffer());
        if (bytes.byteLength > max) return json(413, { error: `catalogue larger than ${max} bytes` });
        const { ads, errors } = parseCatalogue(bytes);
        const imported = await saveCatalogue(store, site, ads);
        await ctx.audit('catalogue.import', site, { imported, badRows: errors.length });
        return json(imported === 0 && errors.length ? 422 : 200, { imported, errors });
      }
      case 'POST /api/check-ads': {
        const site = needSite(q);
        ctx.need('checks.run', site);
        if (running.has(site)) return json(409, { error: `a check of ${site} is already running` });
        running.add(site);
        try {
          const ads = (await loadCatalogue(store, site)).filter((a) => a.landingUrl);
          if (ads.length === 0) return json(422, { error: 'no ad with a landing_url in the catalogue: import one with POST /api/catalogue' });
          const results = await runChecks(ads, { ...options.checks, store, site });
          await saveCheckResults(store, site, results);
          await ctx.audit('checks.run', site, { ads: results.length, withProblems: results.filter((r) => !r.ok).length });
          const { rows } = await adsReport(store, { site });
          return json(200, { results: attachVisits(results, rows) });
        } finally {
          running.delete(site);
        }
      }
      case 'GET /api/check-ads': {
        // The checks made within from/to (as the reports read their touchpoints), beside what visitors saw then.
        const filter = { ...filterFrom(q), site: needSite(q) };
        ctx.need('checks.read', filter.site);
        const [latest, history, report] = await Promise.all([latestCheckResults(store, filter.site, filter), checkHistory(store, filter.site, 10, filter), adsReport(store, filter)]);
        return json(200, { results: attachVisits(sortWorstFirst(latest), report.rows), history });
      }
      default:
        return undefined;
    }
  };
}
