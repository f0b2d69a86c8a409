// The arrivals a person made: what attribution credits and what "first touch" means for the funnel.
import { TOUCHPOINT } from '@touchpoint/schema';
import type { Store } from '../store/types.js';
import { personJoins, personKey } from './people.js';
import { filterSql, type ReportFilter } from './sql.js';

/** One arrival of a person on the site through a channel other than direct. */
export interface Touch {
  ts: number;
  channel: string;
  /** `utm_campaign` of the arrival, null without one */
  campaign: string | null;
  /** `utm_content` (the ad), null without one */
  ad: string | null;
  /** the landing page's path */
  landing: string | null;
}

/**
 * Every non-direct arrival per person over the filter's range, oldest first. An arrival is an
 * `ad_landing` or `page_view` whose own channel is not `direct` (the collector classifies each touchpoint
 * from its own campaign and referrer, so moving inside the site is direct): an ad click, a search or
 * social referral, an e-mail link. The landing's `ad_landing` and `page_view` of one page count once, as
 * does a run of touchpoints of one session with the same channel, campaign and ad (the first is kept).
 * Touchpoints of every device of a person count ({@link personKey}). Read from the partial arrivals
 * index of migration 14 (`events_report_arrival`, same terms: SQLite uses a partial index only then).
 * @param people a query whose `person` column lists the people whose arrivals are wanted (say, those who
 *   converted), with its parameters: only their arrivals leave the database
 * @example const touches = await loadTouches(store, { site: 'shop', from: t0 - 30 * 86_400_000, to: t1 })
 */
export async function loadTouches(store: Store, filter: ReportFilter, people?: { sql: string; params: unknown[] }): Promise<Map<string, Touch[]>> {
  const f = filterSql(filter, 'e');
  // The runs are folded in the database (each arrival compared with the person's previous one): at 1M
  // touchpoints more than half the arrivals repeat the one before, and every row sent costs more than the
  // comparison. (`IS NOT DISTINCT FROM`: equal, NULL included; the first arrival has no previous one.)
  const same = (column: string) => `prev_${column} IS NOT DISTINCT FROM ${column}`;
  const rows = await store.queryArrays(
    `WITH arrivals AS (
       SELECT ${personKey('e')} AS person, e.ts, e.session_id, e.channel, e.utm_campaign, e.utm_content, e.path, e.id
       FROM events e ${personJoins('e')}
       WHERE ${f.where} AND e.name IN ('${TOUCHPOINT.adLanding}', '${TOUCHPOINT.pageView}') AND e.channel <> 'direct'),
     runs AS (
       SELECT person, ts, session_id, channel, utm_campaign, utm_content, path, id,
         LAG(session_id) OVER w AS prev_session_id, LAG(channel) OVER w AS prev_channel,
         LAG(utm_campaign) OVER w AS prev_utm_campaign, LAG(utm_content) OVER w AS prev_utm_content
       FROM arrivals
       ${people ? `WHERE person IN (SELECT person FROM (${people.sql}) wanted)` : ''}
       WINDOW w AS (PARTITION BY person ORDER BY ts, id))
     SELECT person, ts, channel, utm_campaign, utm_content, path FROM runs
     WHERE NOT (session_id IS NOT NULL AND ${['session_id', 'channel', 'utm_campaign', 'utm_content'].map(same).join(' AND ')})
     ORDER BY person, ts, id`,
    [...f.params, ...(people?.params ?? [])],
  );
  const out = new Map<string, Touch[]>();
  let list: Touch[] = [];
  let lastPerson: unknown;
  for (const r of rows) {
    const [person, ts, channel, campaign, ad, landing] = r as [string, unknown, string, string | null, string | null, string | null];
    if (person === null) continue;
    if (person !== lastPerson) {
      lastPerson = person;
      list = [];
      out.set(person, list);
    }
    list.push({ ts: Number(ts), channel, campaign, ad, landing });
  }
  return out;
}
