import type { Ad } from '../catalogue/parse.js';
import { badness, checkAd, type CheckOptions, type CheckResult } from './check-ad.js';
import { createLimiter } from './limiter.js';
import { createTargetGuard, type TargetPolicy } from './ssrf.js';

/** Options of a whole run: the per-check options plus how many checks run at once. */
export interface RunOptions extends Omit<CheckOptions, 'guard' | 'limit'>, TargetPolicy {
  /** checks in flight at once (16) */
  concurrency?: number;
  /** connections to one host at once (4) */
  perHost?: number;
  /** called after each ad is checked */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Checks every ad's landing page with bounded concurrency (overall and per host) and returns the results
 * worst first (most and worst problems first, then lowest relevance). Memory stays bounded: at most
 * `concurrency` pages are held at once and each result keeps only the signals, not the HTML.
 * @example const results = await runChecks(ads, { concurrency: 16, perHost: 4, allowLoopback: true })
 */
export async function runChecks(ads: readonly Ad[], options: RunOptions = {}): Promise<CheckResult[]> {
  const { concurrency = 16, perHost = 4, onProgress, allowLoopback, allow, ...check } = options;
  const guard = createTargetGuard({ allowLoopback, allow });
  const limit = createLimiter({ total: concurrency, perHost });
  const results: CheckResult[] = new Array(ads.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < ads.length) {
      const i = next++;
      results[i] = await checkAd(ads[i]!, { ...check, guard, limit });
      onProgress?.(++done, ads.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ads.length) }, worker));
  return sortWorstFirst(results);
}

/** Orders results worst first: higher total problem weight, then lower relevance, then ad id. */
export function sortWorstFirst(results: CheckResult[]): CheckResult[] {
  return results.sort((a, b) => badness(b) - badness(a) || (a.relevance?.score ?? 0) - (b.relevance?.score ?? 0) || a.adId.localeCompare(b.adId));
}
