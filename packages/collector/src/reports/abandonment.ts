import { TOUCHPOINT } from '@touchpoint/schema';
import type { Store } from '../store/types.js';
import { USER_KEY_PREFIX } from './people.js';
import { filterSql, type ReportFilter } from './sql.js';

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

interface Person { last: number; lastNames: string[]; bought: boolean; reached: Set<string> }

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
  const { where, params } = filterSql(filter);
  const site = filter.site === undefined ? '' : ' WHERE site = ?';
  const siteParams = filter.site === undefined ? [] : [filter.site];
  // The journey touchpoints per session come from a covering index (events_report_session: 5× less work
  // than reading them from the table at 1M touchpoints on SQLite), each session's browser and user once
  // per distinct pair; people are put together here.
  const [steps, sessions, links, merges] = await Promise.all([
    store.queryArrays(`SELECT site, session_id, name, ts FROM events WHERE ${where} AND phase IN ('before', 'during') AND session_id IS NOT NULL`, params),
    store.queryArrays(
      `SELECT DISTINCT site, session_id, anonymous_id, user_id FROM events WHERE ${where} AND phase IS NOT NULL AND session_id IS NOT NULL`, params),
    store.queryArrays(`SELECT site, anonymous_id, person_key FROM identity_links${site}`, siteParams),
    store.queryArrays(`SELECT site, user_id, person_key FROM user_merges${site}`, siteParams),
  ]);
  const key = (s: unknown, id: unknown) => `${s}\u0000${id}`;
  const linked = new Map((links as string[][]).map(([s, a, p]) => [key(s, a), p!]));
  const merged = new Map((merges as string[][]).map(([s, u, p]) => [key(s, u), p!]));
  const personOf = new Map<string, string>();
  for (const [s, sid, anon, user] of sessions as Array<[string, string, string | null, string | null]>) {
    const k = key(s, sid);
    const person = user !== null ? (merged.get(key(s, user)) ?? `${USER_KEY_PREFIX}${user}`) : anon !== null ? (linked.get(key(s, anon)) ?? anon) : sid;
    const prev = personOf.get(k);
    if (prev === undefined || (person.startsWith(USER_KEY_PREFIX) && !prev.startsWith(USER_KEY_PREFIX))) personOf.set(k, person);
  }
  const people = new Map<string, Person>();
  for (const [s, sid, name, tsRaw] of steps as Array<[string, string, string, unknown]>) {
    const k = key(s, sid);
    const person = key(s, personOf.get(k) ?? sid);
    const ts = Number(tsRaw);
    let p = people.get(person);
    if (!p) people.set(person, (p = { last: -Infinity, lastNames: [], bought: false, reached: new Set() }));
    p.reached.add(name);
    if (name === TOUCHPOINT.purchase) p.bought = true;
    if (ts > p.last) {
      p.last = ts;
      p.lastNames = [name];
    } else if (ts === p.last && !p.lastNames.includes(name)) p.lastNames.push(name);
  }
  const reached = new Map<string, number>();
  const abandoned = new Map<string, number>();
  for (const p of people.values()) {
    for (const name of p.reached) reached.set(name, (reached.get(name) ?? 0) + 1);
    if (!p.bought) for (const name of p.lastNames) abandoned.set(name, (abandoned.get(name) ?? 0) + 1);
  }
  return [...abandoned]
    .map(([name, n]) => ({ name, reached: reached.get(name)!, abandoned: n, share: n / reached.get(name)! }))
    .sort((a, b) => b.share - a.share || b.abandoned - a.abandoned || a.name.localeCompare(b.name));
}
