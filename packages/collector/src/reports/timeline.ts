// One person's touchpoints across their browsers and channels, in time order: the journey map of one
// customer (docs/identity.md).
import { resolvePerson, type Person, type PersonRef } from '../people/resolve-person.js';
import type { Channel, Store } from '../store/types.js';
import type { Sentiment } from './feedback.js';
import { personJoins, personKey, USER_KEY_PREFIX } from './people.js';
import { filterSql, jsonNumber, jsonText } from './sql.js';
import { valenceOf } from './valence.js';

const DAY = 86_400_000;

/** Touchpoints a timeline returns by default, and at most. */
export const TIMELINE_LIMITS = { default: 1000, max: 10_000 } as const;

/** One touchpoint of a person's timeline. */
export interface TimelineEntry {
  id: string;
  /** ms since epoch */
  ts: number;
  name: string;
  phase: string | null;
  p5: string | null;
  /** how it feels to the customer ({@link valenceOf}) */
  valence: Sentiment;
  channel: Channel;
  /** `desktop`, `mobile`, `tablet`… (null for server-side touchpoints) */
  device: string | null;
  browser: string | null;
  os: string | null;
  /** the UTM campaign it came with, if any */
  campaign: { source: string | null; medium: string | null; campaign: string | null } | null;
  path: string | null;
  /** the browser it came from (null for a server-side touchpoint with the user id alone) */
  anonymousId: string | null;
  userId: string | null;
  sessionId: string | null;
}

/** A person's timeline. */
export interface Timeline {
  person: Person;
  /** oldest first, at most `limit` */
  touchpoints: TimelineEntry[];
  /** true when the person has more touchpoints in the range than `limit` (the newest were left out) */
  truncated: boolean;
}

/** Options of {@link personTimeline}. */
export interface TimelineOptions {
  /** first touchpoint time, ms since epoch (inclusive) */
  from?: number;
  /** end, ms since epoch (exclusive) */
  to?: number;
  /** most touchpoints returned (default {@link TIMELINE_LIMITS}.default, at most .max) */
  limit?: number;
}

/**
 * The timeline of the person a user id or an anonymous id belongs to ({@link resolvePerson}): every
 * non-bot touchpoint of theirs — from each linked browser and server side, whatever the channel — in
 * time order, with stage, valence, channel, device and campaign. Reads only the UTC days on which the
 * journey rollup (`journey_days`) has a journey touchpoint of one of the person's keys — so a day with
 * only touchpoints outside the journey (no stage: web vitals, custom names) is not shown.
 * @example const { touchpoints } = await personTimeline(store, 'shop', { user: 'u-42' })
 */
export async function personTimeline(store: Store, site: string, ref: PersonRef, options: TimelineOptions = {}): Promise<Timeline> {
  const limit = Math.min(TIMELINE_LIMITS.max, Math.max(1, Math.floor(options.limit ?? TIMELINE_LIMITS.default)));
  const person = await resolvePerson(store, site, ref);
  const ids: string[] = [];
  const owns: string[] = [];
  if (person.anonymousIds.length) owns.push(`e.anonymous_id IN (${person.anonymousIds.map(() => '?').join(', ')})`), ids.push(...person.anonymousIds);
  if (person.userIds.length) owns.push(`e.user_id IN (${person.userIds.map(() => '?').join(', ')})`), ids.push(...person.userIds);
  const d = store.dialect;
  // Where to look: no index leads with the anonymous id or the user id (each would cost every stored
  // event a b-tree insert), but the journey rollup is keyed by visitor, so it lists the days each of the
  // person's keys had a journey touchpoint. Those days are read from `events` through (site, ts).
  const visitors = [...new Set([person.key, ...person.anonymousIds, ...person.userIds, ...person.userIds.map((u) => `${USER_KEY_PREFIX}${u}`)])];
  const days = (await store.queryArrays(`SELECT DISTINCT day FROM journey_days WHERE site = ? AND visitor IN (${visitors.map(() => '?').join(', ')}) ORDER BY day`, [site, ...visitors]))
    .map((r) => Number(r[0]));
  const ranges: Array<[number, number]> = [];
  for (const day of days) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === day * DAY) last[1] += DAY;
    else ranges.push([day * DAY, (day + 1) * DAY]);
  }
  // Rows carrying one of the ids, kept when they belong to this person: a browser linked here that was
  // later identified as someone else keeps its other user's touchpoints out. (`data` needs no alias:
  // the joined link tables have no such column.)
  const rows: unknown[][] = [];
  for (const [lo, hi] of ranges) {
    const from = Math.max(lo, options.from ?? lo);
    const to = Math.min(hi, options.to ?? hi);
    if (from >= to) continue;
    const { where, params } = filterSql({ site, from, to }, 'e');
    rows.push(...await store.queryArrays(
      `SELECT e.id, e.ts, e.name, e.phase, e.p5, e.channel, e.device, e.browser, e.os, e.utm_source, e.utm_medium, e.utm_campaign, e.path,
         e.anonymous_id, e.user_id, e.session_id,
         CASE WHEN e.name = 'feedback' THEN ${jsonText(d, 'properties', 'scale')} END,
         CASE WHEN e.name = 'feedback' THEN ${jsonNumber(d, 'properties', 'score')} END
       FROM events e ${personJoins('e')}
       WHERE ${where} AND (${owns.join(' OR ')}) AND ${personKey('e')} = ?
       ORDER BY e.ts, e.id LIMIT ?`,
      [...params, ...ids, person.key, limit + 1 - rows.length],
    ));
    if (rows.length > limit) break;
  }
  const touchpoints = rows.slice(0, limit).map((r): TimelineEntry => {
    const [id, ts, name, phase, p5, channel, device, browser, os, source, medium, campaign, path, anonymousId, userId, sessionId, scale, score] = r as [
      string, number, string, string | null, string | null, Channel, string | null, string | null, string | null, string | null, string | null, string | null,
      string | null, string | null, string | null, string | null, string | null, number | null];
    return {
      id, ts: Number(ts), name, phase, p5, valence: valenceOf(name, scale, score === null ? null : Number(score)), channel, device, browser, os,
      campaign: source || medium || campaign ? { source, medium, campaign } : null,
      path, anonymousId, userId, sessionId,
    };
  });
  return { person, touchpoints, truncated: rows.length > limit };
}
