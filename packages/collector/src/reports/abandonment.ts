import { TOUCHPOINT } from '@touchpoint/schema';
import type { Store } from '../store/types.js';
import { personJoins, personKey } from './people.js';
import { filterSql, num, type ReportFilter } from './sql.js';

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
 * share first. Counted per person, on all of a person's devices.
 * @example const rows = await abandonment(store, { site: 'shop' })
 */
export async function abandonment(store: Store, filter: ReportFilter): Promise<AbandonmentRow[]> {
  const f = filterSql(filter, 'e');
  const rows = await store.query<{ name: string; reached: unknown; abandoned: unknown }>(
    `WITH t AS (
       SELECT ${personKey('e')} AS person, e.name, e.ts FROM events e ${personJoins('e')}
       WHERE ${f.where} AND e.phase IS NOT NULL AND e.phase <> 'after'),
     p AS (SELECT person, MAX(ts) AS last_ts, MAX(CASE WHEN name = '${TOUCHPOINT.purchase}' THEN 1 ELSE 0 END) AS bought FROM t GROUP BY person)
     SELECT t.name, COUNT(DISTINCT t.person) AS reached,
       COUNT(DISTINCT CASE WHEN p.bought = 0 AND t.ts = p.last_ts THEN t.person END) AS abandoned
     FROM t JOIN p ON p.person = t.person GROUP BY t.name`,
    f.params,
  );
  return rows
    .map((r) => ({ name: r.name, reached: num(r.reached), abandoned: num(r.abandoned), share: num(r.abandoned) / num(r.reached) }))
    .filter((r) => r.abandoned > 0)
    .sort((a, b) => b.share - a.share || b.abandoned - a.abandoned || a.name.localeCompare(b.name));
}
