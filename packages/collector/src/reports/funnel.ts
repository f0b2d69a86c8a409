import { CHECKOUT_STEPS, TOUCHPOINT } from '@touchpoint/schema';
import type { Store } from '../store/types.js';
import { botTouchpoints } from './bots.js';
import { personJoins, personKey } from './people.js';
import { filterSql, type ReportFilter } from './sql.js';

/** The checkout funnel's steps when the site defines none: GA4's checkout names. */
export const DEFAULT_FUNNEL: readonly string[] = Object.values(CHECKOUT_STEPS).map((s) => s.name);

/** One step of a funnel, for a set of people. */
export interface FunnelStepRow {
  /** the step's touchpoint name */
  step: string;
  /** people who reached this step after every step before it, in order, within the range */
  people: number;
  /** people who reached the step before and not this one (0 for the first step) */
  dropOff: number;
  /** people / people at the step before, 0–1; null for the first step or when nobody reached the one before */
  conversion: number | null;
}

/** The funnel of the people of one channel or one device. */
export interface FunnelSegment {
  /** the channel (of the person's first arrival in the range; `direct` without one) or device (`unknown` when not known) */
  key: string;
  /** people who reached the first step */
  people: number;
  steps: FunnelStepRow[];
}

/** The checkout funnel report. */
export interface FunnelReport {
  filter: ReportFilter;
  /** the touchpoint names of the steps, in order */
  steps: string[];
  overall: FunnelStepRow[];
  /** by the channel of each person's first arrival in the range; most people first */
  byChannel: FunnelSegment[];
  /** by the device of each person's first step touchpoint; most people first */
  byDevice: FunnelSegment[];
  /** touchpoints of the range hidden as bots */
  botTouchpoints: number;
}

const rowsOf = (steps: readonly string[], reached: readonly number[]): FunnelStepRow[] => steps.map((step, i) => ({
  step,
  people: reached[i]!,
  dropOff: i === 0 ? 0 : reached[i - 1]! - reached[i]!,
  conversion: i === 0 || reached[i - 1] === 0 ? null : reached[i]! / reached[i - 1]!,
}));

/**
 * How far people get through the checkout: per step, the people who reached it after every step before
 * it (in time order, within the range, on any of their devices), the drop-off from the step before and
 * the conversion; split by the channel of each person's first arrival and by device.
 * @param options.steps the steps' touchpoint names (default {@link DEFAULT_FUNNEL}; a site's `funnel`)
 * @example const { overall } = await funnelReport(store, { site: 'shop' })
 */
export async function funnelReport(store: Store, filter: ReportFilter, options: { steps?: readonly string[] } = {}): Promise<FunnelReport> {
  const steps = [...(options.steps ?? DEFAULT_FUNNEL)];
  if (steps.length === 0) throw new Error('a funnel needs at least one step');
  const f = filterSql(filter, 'e');
  const personJoined = `FROM events e ${personJoins('e')} WHERE ${f.where}`;
  const [rows, firstChannels, bots] = await Promise.all([
    store.queryArrays(
      `SELECT ${personKey('e')} AS person, e.name, e.device ${personJoined} AND e.name IN (${steps.map(() => '?').join(', ')}) ORDER BY 1, e.ts, e.id`,
      [...f.params, ...steps],
    ),
    // The channel of each person's first arrival (`loadTouches`: its first is never merged away),
    // for the people who reached the first step only, ranked in the database: one row per such person
    // instead of every arrival (the arrivals' partial index of migration 14 answers without the table).
    store.queryArrays(
      `WITH reached AS (SELECT DISTINCT ${personKey('e')} AS person ${personJoined} AND e.name = ?),
       arrivals AS (
         SELECT ${personKey('e')} AS person, e.channel, e.ts, e.id ${personJoined}
           AND e.name IN ('${TOUCHPOINT.adLanding}', '${TOUCHPOINT.pageView}') AND e.channel <> 'direct')
       SELECT person, channel FROM (
         SELECT a.person, a.channel, ROW_NUMBER() OVER (PARTITION BY a.person ORDER BY a.ts, a.id) AS n
         FROM arrivals a JOIN reached r ON r.person = a.person) ranked
       WHERE n = 1`,
      [...f.params, steps[0], ...f.params],
    ),
    botTouchpoints(store, filter),
  ]);
  const firstChannel = new Map((firstChannels as string[][]).map(([person, channel]) => [person!, channel!]));
  // Per person: how many steps in order (a step counts once the one before it is reached) and the device.
  const people: Array<{ person: string; reached: number; device: string }> = [];
  let current: (typeof people)[number] | undefined;
  for (const [person, name, device] of rows as Array<[string | null, string, string | null]>) {
    if (person === null) continue;
    if (current?.person !== person) people.push((current = { person, reached: 0, device: device ?? 'unknown' }));
    if (current.reached < steps.length && name === steps[current.reached]) current.reached++;
  }
  const tally = (list: typeof people) => steps.map((_, i) => list.filter((p) => p.reached > i).length);
  const segments = (keyOf: (p: (typeof people)[number]) => string): FunnelSegment[] => {
    const groups = new Map<string, typeof people>();
    for (const p of people) {
      if (p.reached === 0) continue;
      const k = keyOf(p);
      const list = groups.get(k);
      if (list) list.push(p);
      else groups.set(k, [p]);
    }
    return [...groups].map(([key, list]) => ({ key, people: list.length, steps: rowsOf(steps, tally(list)) }))
      .sort((a, b) => b.people - a.people || a.key.localeCompare(b.key));
  };
  return {
    filter, steps,
    overall: rowsOf(steps, tally(people)),
    byChannel: segments((p) => firstChannel.get(p.person) ?? 'direct'),
    byDevice: segments((p) => p.device),
    botTouchpoints: bots,
  };
}
