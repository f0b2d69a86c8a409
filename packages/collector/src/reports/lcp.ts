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
 * no such aggregate, and reading the values and ranking them here costs it less than sorting in SQL.
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
  const rows = await store.queryArrays(`SELECT path, value FROM events WHERE ${lcpWhere}`, lcpParams);
  const values = new Map<string, number[]>();
  for (const [path, v] of rows as Array<[string, unknown]>) {
    const list = values.get(path);
    if (list) list.push(num(v));
    else values.set(path, [num(v)]);
  }
  for (const [path, list] of values) {
    // A typed array sorts numerically without a comparator call per comparison (100,000s of values).
    const sorted = Float64Array.from(list).sort();
    let slow = 0;
    for (const v of sorted) if (v > limitMs) slow++;
    out.set(path, { p75: sorted[Math.max(0, Math.ceil(0.75 * sorted.length) - 1)]!, samples: sorted.length, slowSamples: slow });
  }
  return out;
}
