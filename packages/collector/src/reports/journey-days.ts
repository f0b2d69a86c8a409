import { JOURNEY_SLOTS } from '../store/migrations.js';
import type { Store } from '../store/types.js';
import { personJoins, personKey } from './people.js';
import { rollupRange } from './rollup-range.js';
import { filterSql, type ReportFilter } from './sql.js';

/** The journey's stage slots, in the order of the `f`/`n` columns: the 3 phases, then the 5 P5 stages. */
export const STAGE_SLOTS: ReadonlyArray<readonly ['phase' | 'p5', string]> = JOURNEY_SLOTS;

/**
 * One visitor's journey through one channel, as an array: `[visitor, channel, first touchpoint ts,
 * then per {@link STAGE_SLOTS} slot i: first arrival at 3 + 2i (null when never reached), touchpoints at 4 + 2i]`.
 */
export type VisitorChannelRow = unknown[];

/**
 * Per person (the rollup's `visitor`: the person key of people.ts) and channel, the first arrival and the touchpoints in every stage over the range (non-bot
 * journey touchpoints only), aggregated in the database: one row per visitor × channel, as arrays (at
 * 100,000 visitors, materialising rows is the largest part of the report's time).
 * Whole UTC days come from the `journey_days` rollup (migration 6), read in its key order; the partial
 * days at either end of the range, if any, from `events` through the (site, ts) index. Rows of one
 * visitor come together.
 */
export async function visitorChannelRows(store: Store, filter: ReportFilter): Promise<VisitorChannelRow[]> {
  const { days, edges } = rollupRange(filter);
  const slots = STAGE_SLOTS.map((_, i) => `f${i}, n${i}`).join(', ');
  const parts: string[] = [];
  const params: unknown[] = [];
  if (days) {
    parts.push(`SELECT visitor, channel, first_ts, ${slots} FROM journey_days WHERE ${days.where}`);
    params.push(...days.params);
  }
  for (const { from, to } of edges) {
    // Keyed by person as the rollup is (migration 10): the browser's link and the user id's merge.
    const edge = filterSql({ site: filter.site, from, to, includeBots: filter.includeBots }, 'e');
    const perSlot = STAGE_SLOTS.map(([model, stage], i) => `CASE WHEN e.${model} = '${stage}' THEN e.ts END AS f${i}, CASE WHEN e.${model} = '${stage}' THEN 1 ELSE 0 END AS n${i}`);
    parts.push(`SELECT ${personKey('e')} AS visitor, e.channel, e.ts AS first_ts, ${perSlot.join(', ')} FROM events e ${personJoins('e')}
      WHERE ${edge.where} AND e.phase IS NOT NULL AND e.p5 IS NOT NULL AND ${personKey('e')} IS NOT NULL`);
    params.push(...edge.params);
  }
  const columns = STAGE_SLOTS.map((_, i) => `MIN(f${i}), SUM(n${i})`);
  return store.queryArrays(
    `SELECT visitor, channel, MIN(first_ts), ${columns.join(', ')}
     FROM (${parts.join('\n     UNION ALL ')}) parts GROUP BY visitor, channel ORDER BY visitor, channel`,
    params,
  );
}
