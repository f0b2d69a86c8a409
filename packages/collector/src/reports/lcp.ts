// LCP per page, read once for the ads report and the weak-touchpoints report.
import { TOUCHPOINT } from '@touchpoint/schema';
import type { Store } from '../store/types.js';
import { filterSql, num, type ReportFilter } from './sql.js';

/** The LCP measurements of one page. */
export interface PageLcp {
  /** p75 by nearest rank (as web-vitals reports it), ms */
  p75: number;
  samples: number;
  /** measurements above the limit asked for */
  slowSamples: number;
}

/**
 * p75 of LCP, measurements and measurements above `limitMs` per page path, over the filter's range: one
 * pass over the `events_report_vitals` index (metric and value are columns since migration 7).
 * PostgreSQL ranks in SQL (`percentile_disc` is the nearest rank), so one row per path travels; SQLite has
 * no such aggregate: it counts per path, then steps to each path's nearest rank in the index's value
 * order (at 1M touchpoints ~0.2 s of CPU, against ~1.2 s for reading the 400,000 values and ranking here).
 * @param landingsOnly only the paths of the range's ad landings (what the ads report shows)
 * @example const byPath = await lcpByPath(store, { site: 'shop' }, 2500)
 */
export async function lcpByPath(store: Store, filter: ReportFilter, limitMs: number, landingsOnly = false): Promise<Map<string, PageLcp>> {
  const { where, params } = filterSql(filter);
  const lcpWhere = `${where} AND name = '${TOUCHPOINT.webVitals}' AND metric = 'LCP' AND value IS NOT NULL AND path IS NOT NULL${
    landingsOnly ? ` AND path IN (SELECT DISTINCT path FROM events WHERE ${where} AND name = '${TOUCHPOINT.adLanding}' AND path IS NOT NULL)` : ''}`;
  const lcpParams = landingsOnly ? [...params, ...params] : params;
  const out = new Map<string, PageLcp>();
  if (store.dialect === 'postgres') {
    const rows = await store.queryArrays(
      `SELECT path, percentile_disc(0.75) WITHIN GROUP (ORDER BY value), COUNT(*), SUM(CASE WHEN value > ? THEN 1 ELSE 0 END)
       FROM events WHERE ${lcpWhere} GROUP BY path`,
      [limitMs, ...lcpParams],
    );
    for (const [path, p75, samples, slow] of rows as Array<[string, unknown, unknown, unknown]>) out.set(path, { p75: num(p75), samples: num(samples), slowSamples: num(slow) });
    return out;
  }
  // SQLite: the index holds each path's values in order, so its count and slow count come from one pass
  // and its p75 from stepping to the nearest rank in the index (no value leaves the database).
  const counts = await store.queryArrays(
    `SELECT path, COUNT(*), SUM(CASE WHEN value > ? THEN 1 ELSE 0 END) FROM events WHERE ${lcpWhere} GROUP BY path`, [limitMs, ...lcpParams]);
  const ranked = await Promise.all((counts as Array<[string, unknown, unknown]>).map(async ([path, samples, slow]) => {
    const [row] = await store.queryArrays(
      `SELECT value FROM events WHERE ${where} AND name = '${TOUCHPOINT.webVitals}' AND metric = 'LCP' AND value IS NOT NULL AND path = ?
       ORDER BY value LIMIT 1 OFFSET ?`,
      [...params, path, Math.max(0, Math.ceil(0.75 * num(samples)) - 1)],
    );
    return [path, { p75: num(row?.[0]), samples: num(samples), slowSamples: num(slow) }] as const;
  }));
  for (const [path, lcp] of ranked) out.set(path, lcp);
  return out;
}
