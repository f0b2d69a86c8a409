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
  const rows = await store.queryArrays(
    `WITH arrivals AS (
       SELECT ${personKey('e')} AS person, e.ts, e.session_id, e.channel, e.utm_campaign, e.utm_content, e.path, e.id
       FROM events e ${personJoins('e')}
       WHERE ${f.where} AND e.name IN ('${TOUCHPOINT.adLanding}', '${TOUCHPOINT.pageView}') AND e.channel <> 'direct')
     SELECT person, ts, session_id, channel, utm_campaign, utm_content, path FROM arrivals
     ${people ? `WHERE person IN (SELECT person FROM (${people.sql}) wanted)` : ''}
     ORDER BY person, ts, id`,
    [...f.params, ...(people?.params ?? [])],
  );
  const out = new Map<string, Touch[]>();
  let list: Touch[] = [];
  let lastPerson: unknown;
  let lastKey = '';
  for (const r of rows) {
    const [person, ts, session, channel, campaign, ad, landing] = r as [string, unknown, string | null, string, string | null, string | null, string | null];
    if (person === null) continue;
    if (person !== lastPerson) {
      lastPerson = person;
      lastKey = '';
      list = [];
      out.set(person, list);
    }
    // (a NUL separates the parts, and stands for an absent campaign or ad, which no text contains)
    const key = `${session}\u0000${channel}\u0000${campaign ?? '\u0000'}\u0000${ad ?? '\u0000'}`;
    if (session !== null && key === lastKey) continue;
    lastKey = key;
    list.push({ ts: Number(ts), channel, campaign, ad, landing });
  }
  return out;
}
