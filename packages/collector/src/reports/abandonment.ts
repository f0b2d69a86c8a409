import { TOUCHPOINT } from '@touchpoint/schema';
import type { Store } from '../store/types.js';
import { USER_KEY_PREFIX } from './people.js';
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
 * share first. Counted per person, on all of a person's devices: each session belongs to the person of
 * its user id (after merges) if it has one, else of its browser's link, else of its browser, else is
 * its own (touchpoints without a session, sent by a backend, are not part of it).
 * @example const rows = await abandonment(store, { site: 'shop' })
 */
export async function abandonment(store: Store, filter: ReportFilter): Promise<AbandonmentRow[]> {
  const f = filterSql(filter);
  const e = filterSql(filter, 'e');
  const user = (x: string) => `substr(${x}, 1, ${USER_KEY_PREFIX.length}) = '${USER_KEY_PREFIX}'`;
  // All in the database, so only one row per touchpoint name comes back (at 1M touchpoints the rows of
  // the old JS version were most of its time). Each distinct session × browser × user of the range is a
  // candidate person; a session's person is its identified candidate if any, else its first (lowest);
  // per person and name, the last time reached; per person, the last time of all and whether they bought.
  // On SQLite both scans read the covering (site, session_id, ts, …) index of migration 14 alone; PostgreSQL
  // scans the table in parallel for the pairs and probes that index per session (docs/attribution.md#speed).
  const rows = await store.queryArrays(
    `WITH pairs AS (
       SELECT DISTINCT site, session_id, anonymous_id, user_id FROM events
       WHERE ${f.where} AND phase IS NOT NULL AND session_id IS NOT NULL),
     candidates AS (
       SELECT p.site, p.session_id, COALESCE(um.person_key, '${USER_KEY_PREFIX}' || p.user_id, il.person_key, p.anonymous_id, p.session_id) AS person
       FROM pairs p
       LEFT JOIN identity_links il ON il.site = p.site AND il.anonymous_id = p.anonymous_id
       LEFT JOIN user_merges um ON um.site = p.site AND um.user_id = p.user_id),
     who AS (
       SELECT site, session_id, COALESCE(MAX(CASE WHEN ${user('person')} THEN person END), MIN(person)) AS person
       FROM candidates GROUP BY site, session_id),
     reached AS (
       SELECT w.site, w.person, e.name, MAX(e.ts) AS last
       FROM events e JOIN who w ON w.site = e.site AND w.session_id = e.session_id
       WHERE ${e.where} AND e.phase IN ('before', 'during') AND e.session_id IS NOT NULL
       GROUP BY w.site, w.person, e.name),
     people AS (
       SELECT site, person, MAX(last) AS last, MAX(CASE WHEN name = '${TOUCHPOINT.purchase}' THEN 1 ELSE 0 END) AS bought
       FROM reached GROUP BY site, person)
     SELECT r.name, COUNT(*), SUM(CASE WHEN p.bought = 0 AND r.last = p.last THEN 1 ELSE 0 END)
     FROM reached r JOIN people p ON p.site = r.site AND p.person = r.person
     GROUP BY r.name`,
    [...f.params, ...e.params],
  );
  return (rows as Array<[string, unknown, unknown]>)
    .map(([name, r, a]) => ({ name, reached: num(r), abandoned: num(a), share: num(a) / num(r) }))
    .filter((row) => row.abandoned > 0)
    .sort((a, b) => b.share - a.share || b.abandoned - a.abandoned || a.name.localeCompare(b.name));
}
