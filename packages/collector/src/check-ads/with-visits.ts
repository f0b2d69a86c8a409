import type { AdLandingRow } from '../reports/ads.js';
import type { CheckResult } from './check-ad.js';

/** What real visitors saw on an ad's landing page, from the ads report. */
export interface VisitorView {
  landings: number;
  bounceRate: number;
  signUpRate: number;
  purchaseRate: number;
  lcpP75: number | null;
  relevance: number;
}

/**
 * Pairs each check result with the ads-report row of the same ad (catalogue ad id, or `utm_content` equal
 * to the ad id) on the same landing path, so "the checker says slow" sits beside "visitors' p75 LCP".
 * When several rows match (e.g. different terms), the one with most landings wins.
 * @example attachVisits(results, (await adsReport(store, { site })).rows)
 */
export function attachVisits(results: readonly CheckResult[], rows: readonly AdLandingRow[]): Array<CheckResult & { visitors: VisitorView | null }> {
  return results.map((r) => {
    let path: string | undefined;
    try {
      path = new URL(r.finalUrl ?? r.landingUrl).pathname;
    } catch {
      path = undefined;
    }
    const match = rows
      .filter((row) => (row.adId === r.adId || row.content === r.adId) && (path === undefined || row.path === path))
      .sort((a, b) => b.landings - a.landings)[0];
    return {
      ...r,
      visitors: match ? { landings: match.landings, bounceRate: match.bounceRate, signUpRate: match.signUpRate, purchaseRate: match.purchaseRate, lcpP75: match.lcpP75, relevance: match.relevance } : null,
    };
  });
}
