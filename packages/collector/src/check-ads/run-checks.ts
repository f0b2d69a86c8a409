import type { Ad } from '../catalogue/parse.js';
import { learnSite, type SiteDoc } from '../relevance/site-knowledge.js';
import { loadSiteDocs, saveSiteDocs } from '../relevance/site-docs-store.js';
import type { Store } from '../store/types.js';
import { badness, fetchLanding, finishResult, type CheckOptions, type CheckResult } from './check-ad.js';
import { judgeLanding } from './judge-landing.js';
import { createLimiter } from './limiter.js';
import { landingDocs, type Landing } from './site-docs.js';
import { createTargetGuard, type TargetPolicy } from './ssrf.js';

/** Options of a whole run: the per-check options plus how many checks run at once. */
export interface RunOptions extends Omit<CheckOptions, 'guard' | 'limit' | 'site'>, TargetPolicy {
  /** checks in flight at once (16) */
  concurrency?: number;
  /** connections to one host at once (4) */
  perHost?: number;
  /** called after each ad is checked */
  onProgress?: (done: number, total: number) => void;
  /**
   * where to keep what the run learns about the site (with `site`): pages and ads checked before are
   * remembered, so checking one ad judges it as a full run would
   */
  store?: Store;
  /** the site id the learning is kept under (with `store`) */
  site?: string;
}

/**
 * Checks every ad's landing page with bounded concurrency (overall and per host) and returns the results
 * worst first (most and worst problems first, then lowest relevance). It first reads every landing, then
 * learns each site (per origin) from those pages, the catalogue's ads and — with `store` and `site` — every
 * page and ad checked before, and only then judges relevance: a word's specificity and the site's
 * repeated boilerplate come from the whole site, not from the one page. The catalogue's synonym groups
 * apply to every ad. Memory stays bounded: each landing keeps its text blocks, not its HTML.
 * @example const results = await runChecks(ads, { concurrency: 16, perHost: 4, allowLoopback: true })
 */
export async function runChecks(ads: readonly Ad[], options: RunOptions = {}): Promise<CheckResult[]> {
  const { concurrency = 16, perHost = 4, onProgress, allowLoopback, allow, store, site: siteId, ...check } = options;
  const guard = createTargetGuard({ allowLoopback, allow });
  const limit = createLimiter({ total: concurrency, perHost });
  const synonyms = check.synonyms ?? ads.flatMap((a) => a.synonyms ?? []);
  const fetched: Array<{ result: CheckResult; landing?: Landing }> = new Array(ads.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < ads.length) {
      const i = next++;
      fetched[i] = await fetchLanding(ads[i]!, { ...check, guard, limit });
      onProgress?.(++done, ads.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ads.length) }, worker));

  const learned = new Map<string, SiteDoc>();
  fetched.forEach(({ landing }, i) => {
    if (landing) for (const d of landingDocs(ads[i]!, landing, synonyms)) learned.set(`${d.origin} ${d.key}`, d);
  });
  const docs = new Map(learned);
  if (store && siteId) {
    await saveSiteDocs(store, siteId, [...learned.values()]);
    for (const d of await loadSiteDocs(store, siteId)) docs.set(`${d.origin} ${d.key}`, d);
  }
  const byOrigin = new Map<string, SiteDoc[]>();
  for (const d of docs.values()) byOrigin.set(d.origin, [...(byOrigin.get(d.origin) ?? []), d]);
  const sites = new Map([...byOrigin].map(([origin, list]) => [origin, learnSite(list, new URL(origin).hostname)]));

  const results = fetched.map(({ result, landing }, i) => landing
    ? judgeLanding(result, ads[i]!, landing, { minScore: check.minScore, synonyms, site: sites.get(landing.url.origin) })
    : finishResult(result));
  return sortWorstFirst(results);
}

/** Orders results worst first: higher total problem weight, then lower relevance, then ad id. */
export function sortWorstFirst(results: CheckResult[]): CheckResult[] {
  return results.sort((a, b) => badness(b) - badness(a) || (a.relevance?.score ?? 0) - (b.relevance?.score ?? 0) || a.adId.localeCompare(b.adId));
}
