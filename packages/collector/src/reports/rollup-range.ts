import type { ReportFilter } from './sql.js';

const DAY = 86_400_000;

/** How a report range splits between a per-UTC-day rollup and the events table. */
export interface RollupRange {
  /** the rollup's conditions on `site` and `day` (without `WHERE`; `1 = 1` for none), or null when the
   * range has no whole day in the rollup */
  days: { where: string; params: unknown[] } | null;
  /** the parts of the range read from `events` instead: the partial days at either end, or all of it */
  edges: Array<{ from: number | undefined; to: number | undefined }>;
}

/**
 * Splits a report's range for the rollups kept per UTC day (`journey_days`, `journey_steps`): the whole
 * days inside `[from, to)` come from the rollup, the partial days at the ends from the events. A range
 * inside one day has none in the rollup; the rollups hold no bots, so with `includeBots` all of it is
 * read from the events.
 * @example const { days, edges } = rollupRange({ site: 'shop', from: Date.parse('2026-01-01T12:00Z') })
 */
export function rollupRange(filter: ReportFilter): RollupRange {
  const firstDay = filter.from === undefined ? undefined : Math.ceil(filter.from / DAY);
  const endDay = filter.to === undefined ? undefined : Math.floor(filter.to / DAY);
  const wholeDays = !filter.includeBots && (firstDay === undefined || endDay === undefined || firstDay < endDay);
  if (!wholeDays) return { days: null, edges: [{ from: filter.from, to: filter.to }] };

  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.site !== undefined) where.push('site = ?'), params.push(filter.site);
  if (firstDay !== undefined) where.push('day >= ?'), params.push(firstDay);
  if (endDay !== undefined) where.push('day < ?'), params.push(endDay);
  // A part at an open end holds nothing the rollup does not; an empty one nothing at all.
  const edges = [
    { from: filter.from, to: firstDay === undefined ? undefined : firstDay * DAY },
    { from: endDay === undefined ? undefined : endDay * DAY, to: filter.to },
  ].filter((e) => e.from !== undefined && e.to !== undefined && e.from < e.to);
  return { days: { where: where.length ? where.join(' AND ') : '1 = 1', params }, edges };
}
