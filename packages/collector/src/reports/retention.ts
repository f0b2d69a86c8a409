// Retention: do people come back, and do they buy again? Cohorts of people by the period of their first
// purchase (or first touchpoint), and for every later period the share that returned and that bought.
import { TOUCHPOINT } from '@touchpoint/schema';
import type { Dialect, Store } from '../store/types.js';
import { personJoins, personKey } from './people.js';
import { rollupRange } from './rollup-range.js';
import { filterSql, median, type ReportFilter } from './sql.js';

const DAY = 86_400_000;

/** What starts a person's cohort: their first purchase, or their first touchpoint. */
export type RetentionBy = 'purchase' | 'touchpoint';
/** Cohort and activity periods, UTC: weeks starting on Monday, or calendar months. */
export type RetentionPeriod = 'week' | 'month';

/** Options of {@link retentionReport}. */
export interface RetentionOptions {
  /** default `purchase` */
  by?: RetentionBy;
  /** default `week` */
  period?: RetentionPeriod;
}

/** One later period of a cohort. */
export interface RetentionCell {
  /** periods after the cohort's own (1 = the next week or month) */
  offset: number;
  /** start of the period, ms since epoch (UTC) */
  start: number;
  /** people of the cohort with any touchpoint in the period */
  returned: number;
  /** returned / cohort people (0–1) */
  returnedShare: number;
  /** people of the cohort with a purchase in the period */
  boughtAgain: number;
  /** boughtAgain / cohort people (0–1) */
  boughtAgainShare: number;
}

/** Purchases of a group of people: how many bought, bought more than once, and how often. */
export interface RepeatPurchases {
  /** people in the group */
  people: number;
  /** people with at least one purchase up to the end of the range */
  buyers: number;
  /** people with two purchases or more */
  repeatBuyers: number;
  /** repeatBuyers / buyers (0–1); null without buyers */
  repeatPurchaseRate: number | null;
  /** median ms between one purchase of a person and their next, over every such pair; null for none */
  medianMsBetweenPurchases: number | null;
}

/** The people whose first purchase (or touchpoint) fell in one period, and what they did after. */
export interface RetentionCohort extends RepeatPurchases {
  /** start of the cohort's period, ms since epoch (UTC) */
  start: number;
  /** every later period up to the end of the range, in order (none for a cohort in the last period) */
  periods: RetentionCell[];
}

/** The cohorts of the people whose earliest touchpoint came through one channel. */
export interface ChannelRetention extends RepeatPurchases {
  channel: string;
  cohorts: RetentionCohort[];
}

/** The retention report. */
export interface RetentionReport {
  filter: ReportFilter;
  by: RetentionBy;
  period: RetentionPeriod;
  /** every cohort of the range, oldest first */
  cohorts: RetentionCohort[];
  /** the people of all cohorts together */
  total: RepeatPurchases;
  /** the same split by each person's first-touch channel, most people first */
  byChannel: ChannelRetention[];
}

/** The period a time falls in, as a number: weeks since the Monday before the epoch, or months since year 0. */
export function periodOf(period: RetentionPeriod, ts: number): number {
  if (period === 'week') return Math.floor((Math.floor(ts / DAY) + 3) / 7);
  const d = new Date(ts);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** Start of a period number, ms since epoch. */
export function periodStart(period: RetentionPeriod, n: number): number {
  return period === 'week' ? (n * 7 - 3) * DAY : Date.UTC(Math.floor(n / 12), n % 12, 1);
}

// The same numbering in SQL, from a UTC day number. 1970-01-01 was a Thursday: day + 3 counts from the
// Monday before it.
function periodOfDay(dialect: Dialect, period: RetentionPeriod): string {
  if (period === 'week') return '(day + 3) / 7';
  return dialect === 'sqlite'
    ? `(CAST(strftime('%Y', day * 86400, 'unixepoch') AS INTEGER) * 12 + CAST(strftime('%m', day * 86400, 'unixepoch') AS INTEGER) - 1)`
    : `CAST(EXTRACT(YEAR FROM to_timestamp(day * 86400) AT TIME ZONE 'UTC') * 12 + EXTRACT(MONTH FROM to_timestamp(day * 86400) AT TIME ZONE 'UTC') - 1 AS INTEGER)`;
}

interface Group {
  people: number;
  buyers: number;
  repeatBuyers: number;
  gaps: number[];
}
interface CohortTally extends Group {
  returned: Map<number, number>;
  bought: Map<number, number>;
}
const group = (): Group => ({ people: 0, buyers: 0, repeatBuyers: 0, gaps: [] });
const summary = (g: Group): RepeatPurchases => ({
  people: g.people, buyers: g.buyers, repeatBuyers: g.repeatBuyers,
  repeatPurchaseRate: g.buyers ? g.repeatBuyers / g.buyers : null, medianMsBetweenPurchases: median(g.gaps),
});

/**
 * Cohorts of people (counted per person across their browsers, `reports/people.ts`; bots never count)
 * by the UTC week (Monday first) or month of their first purchase — or first touchpoint — when that falls
 * in `[from, to)`: per cohort the people and, for every later period up to `to`, the share that came back
 * (any touchpoint) and that bought again; the repeat-purchase rate and the median time between
 * purchases; and all of it split by the channel of each person's earliest touchpoint. A person's first
 * purchase or touchpoint is their first ever, so activity before `from` is read too.
 * Without a site, each site's people are counted apart. Activity is read from the journey rollup
 * (`journey_days`: journey touchpoints, by person and UTC day), one row per person × period × channel;
 * each purchase's time from the conversion index, keyed by person the same way.
 * @example const { cohorts } = await retentionReport(store, { site: 'shop', from: Date.parse('2026-01-01') }, { period: 'month' })
 */
export async function retentionReport(store: Store, filter: ReportFilter, options: RetentionOptions = {}): Promise<RetentionReport> {
  const by = options.by ?? 'purchase';
  const period = options.period ?? 'week';
  // Everything before `to`: a person's first time is their first ever, not their first in the range.
  // Activity comes from the journey rollup (one row per visitor × channel × UTC day, ~8× fewer than
  // touchpoints, and only non-bot journey touchpoints), whole days before `to`'s day; the partial day
  // of `to` from `events`. Purchases from the conversion index.
  const d = store.dialect;
  // The rollup is keyed by person (migration 10: re-keyed when people merge); the partial day and the
  // purchases are keyed the same way from the events (people.ts), so both sides name a person alike.
  // (Bots are never counted here: the rollup holds none, and `includeBots` is not passed on. With no
  // `from`, the range always has whole days in the rollup.)
  const { days, edges } = rollupRange({ site: filter.site, to: filter.to });
  const parts = [`SELECT site, visitor, channel, day, first_ts FROM journey_days WHERE ${days!.where}`];
  const params: unknown[] = [...days!.params];
  for (const { from, to } of edges) {
    const edge = filterSql({ site: filter.site, from, to }, 'e');
    parts.push(`SELECT e.site, ${personKey('e')} AS visitor, e.channel, e.ts / ${DAY} AS day, e.ts AS first_ts FROM events e ${personJoins('e')}
      WHERE ${edge.where} AND e.phase IS NOT NULL AND e.p5 IS NOT NULL AND ${personKey('e')} IS NOT NULL`);
    params.push(...edge.params);
  }
  const purchases = filterSql({ site: filter.site, to: filter.to }, 'e');
  const [activity, bought] = await Promise.all([
    store.queryArrays(
      `SELECT site, visitor, ${periodOfDay(d, period)} AS period, channel, MIN(first_ts)
       FROM (${parts.join(' UNION ALL ')}) parts GROUP BY 1, 2, 3, 4 ORDER BY 1, 2`,
      params,
    ),
    store.queryArrays(
      `SELECT e.site, ${personKey('e')} AS person, e.ts FROM events e ${personJoins('e')}
       WHERE ${purchases.where} AND e.name = '${TOUCHPOINT.purchase}' ORDER BY 1, 2, 3`,
      purchases.params,
    ),
  ]);

  // Each person's purchase times, in order (rows of one person come together). A person is of one
  // site: without a site filter, the same key on two sites is two people.
  const purchaseTimes = new Map<string, number[]>();
  for (const [site, person, ts] of bought) {
    const key = `${site as string}\u0000${person as string}`;
    const list = purchaseTimes.get(key);
    if (list) list.push(Number(ts));
    else purchaseTimes.set(key, [Number(ts)]);
  }

  const lastPeriod = filter.to !== undefined ? periodOf(period, filter.to - 1) : undefined;
  let maxPeriod = -Infinity;
  const cohorts = new Map<number, CohortTally>();
  const channels = new Map<string, { all: Group; cohorts: Map<number, CohortTally> }>();
  const total = group();
  const tally = (g: Group, times: number[]) => {
    g.people++;
    if (times.length) g.buyers++;
    if (times.length > 1) g.repeatBuyers++;
    for (let i = 1; i < times.length; i++) g.gaps.push(times[i]! - times[i - 1]!);
  };
  const cohortOf = (m: Map<number, CohortTally>, p: number) => {
    let c = m.get(p);
    if (!c) m.set(p, (c = { ...group(), returned: new Map(), bought: new Map() }));
    return c;
  };
  const bump = (m: Map<number, number>, k: number) => m.set(k, (m.get(k) ?? 0) + 1);

  // One person at a time: first touchpoint (and its channel), the periods active and with a purchase.
  let i = 0;
  while (i < activity.length) {
    const site = activity[i]![0];
    const person = activity[i]![1];
    let firstTs = Infinity;
    let firstChannel = '';
    const active = new Set<number>();
    for (; i < activity.length && activity[i]![1] === person && activity[i]![0] === site; i++) {
      const [, , p, channel, ts] = activity[i]!;
      const t = Number(ts);
      if (t < firstTs || (t === firstTs && (channel as string) < firstChannel)) [firstTs, firstChannel] = [t, channel as string];
      active.add(Number(p));
      if (Number(p) > maxPeriod) maxPeriod = Number(p);
    }
    const times = purchaseTimes.get(`${site as string}\u0000${person as string}`) ?? [];
    const buying = new Set(times.map((t) => periodOf(period, t)));
    const start = by === 'purchase' ? times[0] : firstTs;
    if (start === undefined || (filter.from !== undefined && start < filter.from)) continue;
    const p0 = periodOf(period, start);
    let ch = channels.get(firstChannel);
    if (!ch) channels.set(firstChannel, (ch = { all: group(), cohorts: new Map() }));
    const targets = [cohortOf(cohorts, p0), cohortOf(ch.cohorts, p0)];
    tally(total, times);
    tally(ch.all, times);
    for (const c of targets) {
      tally(c, times);
      for (const p of active) if (p > p0) bump(c.returned, p - p0);
      for (const p of buying) if (p > p0) bump(c.bought, p - p0);
    }
  }

  const last = lastPeriod ?? maxPeriod;
  const rows = (m: Map<number, CohortTally>): RetentionCohort[] => [...m].sort((a, b) => a[0] - b[0]).map(([p0, c]) => ({
    start: periodStart(period, p0),
    ...summary(c),
    periods: Array.from({ length: Math.max(0, last - p0) }, (_, k) => {
      const offset = k + 1;
      const returned = c.returned.get(offset) ?? 0;
      const boughtAgain = c.bought.get(offset) ?? 0;
      return { offset, start: periodStart(period, p0 + offset), returned, returnedShare: returned / c.people, boughtAgain, boughtAgainShare: boughtAgain / c.people };
    }),
  }));

  return {
    filter, by, period,
    cohorts: rows(cohorts),
    total: summary(total),
    byChannel: [...channels]
      .sort((a, b) => b[1].all.people - a[1].all.people || a[0].localeCompare(b[0]))
      .map(([channel, c]) => ({ channel, ...summary(c.all), cohorts: rows(c.cohorts) })),
  };
}
