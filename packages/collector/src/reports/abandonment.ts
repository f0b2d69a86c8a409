import { TOUCHPOINT } from '@touchpoint/schema';
import type { Store } from '../store/types.js';
import { personJoins, personKey } from './people.js';
import { rollupRange } from './rollup-range.js';
import { filterSql, num, type ReportFilter } from './sql.js';

const DAY = 86_400_000;

/** People who reached a touchpoint and went no further. */
export interface AbandonmentRow {
  /** the touchpoint name (the dashboard labels it) */
  name: string;
  /** people with this touchpoint in the range */
  reached: number;
  /** people whose journey ended on it, without a purchase in the range */
  abandoned: number;
  /** abandoned / reached, 0–1 */
  share: number;
}

/**
 * Where people abandon: per journey touchpoint before or during the purchase, the people whose last such
 * touchpoint in the range it was (ties at the same millisecond all count) and who did not buy. Journeys
 * that reached a purchase are complete, whatever follows (support, feedback); touchpoints after the
 * purchase (phase `after`) are never a place to abandon; rows nobody abandoned are left out. Highest
 * share first. Counted per person (the person key of people.ts, on all of a person's devices) over the
 * touchpoints of sessions: touchpoints without one, sent by a backend, are not part of it.
 * @example const rows = await abandonment(store, { site: 'shop' })
 */
export async function abandonment(store: Store, filter: ReportFilter): Promise<AbandonmentRow[]> {
  // Whole days from the `journey_steps` rollup (migration 16: per person, name and UTC day, the last time
  // reached), the partial days at the ends of the range from the events, folded the same way. All in the
  // database, so only a row per touchpoint name comes back.
  const { days, edges } = rollupRange(filter);
  const parts: string[] = [];
  const params: unknown[] = [];
  if (days) {
    parts.push(`SELECT site, visitor, name, day, last_ts FROM journey_steps WHERE ${days.where}`);
    params.push(...days.params);
  }
  for (const { from, to } of edges) {
    const edge = filterSql({ site: filter.site, from, to, includeBots: filter.includeBots }, 'e');
    parts.push(`SELECT e.site AS site, ${personKey('e')} AS visitor, e.name AS name, e.ts / ${DAY} AS day, MAX(e.ts) AS last_ts FROM events e ${personJoins('e')}
      WHERE ${edge.where} AND e.phase IN ('before', 'during') AND e.session_id IS NOT NULL GROUP BY 1, 2, 3, 4`);
    params.push(...edge.params);
  }
  // The rollup alone (a range of whole days) is read through its key, (site, visitor, name, day).
  const rollupOnly = days !== null && !edges.length;
  const steps = rollupOnly ? 'journey_steps' : `(${parts.join('\n    UNION ALL ')})`;
  const where = rollupOnly ? `WHERE ${days.where}` : '';
  // A person × name has one row per day, so the last time of a person is on at most one row per name.
  const [reached, abandoned] = await Promise.all([
    store.queryArrays(`SELECT name, COUNT(*) FROM (SELECT DISTINCT site, visitor, name FROM ${steps} s ${where}) r GROUP BY name`, params),
    store.queryArrays(
      `WITH people AS (
         SELECT site, visitor, MAX(last_ts) AS last FROM ${steps} s ${where} GROUP BY site, visitor
         HAVING MAX(CASE WHEN name = '${TOUCHPOINT.purchase}' THEN 1 ELSE 0 END) = 0)
       SELECT s.name, COUNT(*) FROM people p
       JOIN ${steps} s ON s.site = p.site AND s.visitor = p.visitor AND s.day = p.last / ${DAY} AND s.last_ts = p.last
       GROUP BY s.name`,
      rollupOnly ? params : [...params, ...params]),
  ]);
  const abandonedBy = new Map((abandoned as Array<[string, unknown]>).map(([name, n]) => [name, num(n)]));
  return (reached as Array<[string, unknown]>)
    .map(([name, n]) => {
      const left = abandonedBy.get(name) ?? 0;
      return { name, reached: num(n), abandoned: left, share: left / num(n) };
    })
    .filter((row) => row.abandoned > 0)
    .sort((a, b) => b.share - a.share || b.abandoned - a.abandoned || a.name.localeCompare(b.name));
}
