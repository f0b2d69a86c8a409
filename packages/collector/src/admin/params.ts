import type { ReportFilter } from '../reports/sql.js';

/** A request parameter that is wrong, with a message for the client. */
export class BadParam extends Error {}

const DAY = 86_400_000;

/**
 * Reads a time bound: ms since epoch, an ISO date (`2026-01-31`, a whole UTC day) or an ISO date-time.
 * For `to`, a bare date means the end of that day (exclusive next midnight), so `from=to=2026-01-31` is that day.
 * @example parseTime('2026-01-31', 'to') // Date.UTC(2026, 0, 31) + 86_400_000
 */
export function parseTime(value: string, bound: 'from' | 'to'): number {
  const v = value.trim();
  if (/^\d{1,15}$/.test(v)) return Number(v);
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const t = Date.parse(`${v}T00:00:00Z`);
    if (Number.isNaN(t)) throw new BadParam(`${bound}: not a date: "${v}"`);
    return bound === 'to' ? t + DAY : t;
  }
  const t = Date.parse(v);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(v)) throw new BadParam(`${bound}: expected ms since epoch, YYYY-MM-DD or an ISO date-time, got "${v.slice(0, 40)}"`);
  return t;
}

/**
 * Reads `site`, `from`, `to` into a report filter; throws {@link BadParam} with a clear message.
 * @example filterFrom(new URLSearchParams('site=shop&from=2026-01-01'))
 */
export function filterFrom(q: { get(name: string): string | null }): ReportFilter {
  const filter: ReportFilter = {};
  const site = q.get('site');
  if (site) {
    if (site.length > 200) throw new BadParam('site: longer than 200 characters');
    filter.site = site;
  }
  const from = q.get('from');
  const to = q.get('to');
  if (from) filter.from = parseTime(from, 'from');
  if (to) filter.to = parseTime(to, 'to');
  if (filter.from !== undefined && filter.to !== undefined && filter.from >= filter.to) throw new BadParam('from: must be before to');
  return filter;
}
