import { P5_STAGES, PHASES } from '@touchpoint/schema';
import type { Store } from '../store/types.js';
import { abandonment, type AbandonmentRow } from './abandonment.js';
import { botTouchpoints } from './bots.js';
import { STAGE_SLOTS, visitorChannelRows } from './journey-days.js';
import { USER_KEY_PREFIX } from './people.js';
import { filterSql, median, num, type ReportFilter } from './sql.js';

/** The two journey models a report is computed for. */
export const STAGE_MODELS = { phase: PHASES, p5: P5_STAGES } as const;
/** A journey model: the 3 purchase phases or the 5P stages. */
export type StageModel = keyof typeof STAGE_MODELS;

/** One stage of a journey model. */
export interface StageRow {
  stage: string;
  /** distinct visitors with a touchpoint in the stage */
  visitors: number;
  touchpoints: number;
  /** every touchpoint name in the stage with its count, most frequent first (the dashboard shows the first few and "+N more") */
  topTouchpoints: Array<{ name: string; count: number }>;
  /** the following stage, absent for the last */
  next?: string;
  /** visitors who reach the next stage at or after first reaching this one */
  converted: number;
  /** converted / visitors (0–1); null when nobody reached this stage or it is the last */
  conversion: number | null;
  /** median ms from first reaching this stage to first reaching the next (converted visitors); null for none */
  medianMsToNext: number | null;
}

/** The journey of visitors whose first touchpoint came through one channel. */
export interface ChannelJourney {
  channel: string;
  visitors: number;
  stages: Record<StageModel, Array<Pick<StageRow, 'stage' | 'visitors' | 'touchpoints' | 'converted' | 'conversion'>>>;
}

/** The journey map of a site over a time range. */
export interface JourneyReport {
  filter: ReportFilter;
  /** people with a journey touchpoint (a person's browsers count once; docs/identity.md) */
  visitors: number;
  /** the same count as `visitors`, under the name the reports now mean */
  people: number;
  /** of them, people identified by a user id (an identify, a server-side touchpoint, an alias) */
  identifiedPeople: number;
  touchpoints: number;
  stages: Record<StageModel, StageRow[]>;
  byChannel: ChannelJourney[];
  /** where people who did not buy stopped: per touchpoint, highest share first ({@link abandonment}) */
  abandonment: AbandonmentRow[];
  /** touchpoints of the range hidden as bots */
  botTouchpoints: number;
}

/**
 * The journey map of people (a person's browsers and devices together, docs/identity.md; "visitors" below
 * are people): per stage of both models (phase and 5P), visitors, touchpoints and top touchpoint
 * names; conversion from each stage to the next (share of visitors reaching stage k who reach k+1 at or
 * after first reaching k) and the median time between those first arrivals; the same split by the channel
 * of each visitor's first touchpoint in the range; and where people who did not buy abandoned
 * ({@link abandonment}). Only journey touchpoints (those with a stage) count; bots only with
 * `includeBots` (then every day is read from the events instead of the `journey_days` rollup: slower).
 * @example const report = await journeyReport(store, { site: 'shop', from: Date.parse('2026-01-01') })
 */
export async function journeyReport(store: Store, filter: ReportFilter): Promise<JourneyReport> {
  const { where, params } = filterSql(filter);
  const base = `${where} AND phase IS NOT NULL`;
  // The parts are independent: on PostgreSQL they run on three pooled connections at once.
  const [visitorChannels, names, abandoned, bots] = await Promise.all([
    visitorChannelRows(store, filter),
    store.query<{ phase: string; p5: string; name: string; n: unknown }>(
      `SELECT name, phase, p5, COUNT(*) AS n FROM events WHERE ${base} GROUP BY name, phase, p5`, params),
    abandonment(store, filter),
    botTouchpoints(store, filter),
  ]);
  // Per visitor: first arrival in each of the 8 stage slots (3 phases, then 5 P5 stages), touchpoints per
  // slot, and the channel of the first touchpoint. The database sends one row per visitor × channel
  // (rows of one visitor together); a visitor who came through several channels is folded here.
  const slotOf = new Map<string, number>(STAGE_SLOTS.map(([model, stage], i) => [`${model}:${stage}`, i]));
  const SLOTS = STAGE_SLOTS.length;
  // Every journey touchpoint has a phase: the touchpoints are those of the phase slots (the first ones).
  const phaseSlots = STAGE_SLOTS.filter(([model]) => model === 'phase').length;
  // Per visitor, in one flat array indexed by the visitor's number (one allocation for all visitors,
  // not a small typed array each: at 100,000 visitors those were a fifth of the report's time in GC):
  // first arrivals per slot in [0, SLOTS), touchpoints per slot in [SLOTS, 2·SLOTS).
  let at = new Float64Array(2 * SLOTS * 1024);
  let channelTs = new Float64Array(1024);
  const channelOf: string[] = [];
  let visitorCount = 0;
  let identifiedPeople = 0;
  let touchpoints = 0;
  let lastKey: string | undefined;
  let v = -1;
  for (const r of visitorChannels) {
    const visitor = r[0] as string;
    const channel = r[1] as string;
    const ts = Number(r[2]);
    if (visitor !== lastKey) {
      lastKey = visitor;
      v = visitorCount++;
      if (visitor.startsWith(USER_KEY_PREFIX)) identifiedPeople++;
      if (v >= channelTs.length) {
        const grown = new Float64Array(at.length * 2);
        grown.set(at);
        at = grown;
        const grownTs = new Float64Array(channelTs.length * 2);
        grownTs.set(channelTs);
        channelTs = grownTs;
      }
      at.fill(Infinity, v * 2 * SLOTS, v * 2 * SLOTS + SLOTS);
      at.fill(0, v * 2 * SLOTS + SLOTS, (v + 1) * 2 * SLOTS);
      channelOf[v] = channel;
      channelTs[v] = ts;
    } else if (ts < channelTs[v]! || (ts === channelTs[v] && channel < channelOf[v]!)) {
      channelOf[v] = channel;
      channelTs[v] = ts;
    }
    const base = v * 2 * SLOTS;
    for (let slot = 0; slot < SLOTS; slot++) {
      const first = r[3 + 2 * slot];
      if (first !== null && Number(first) < at[base + slot]!) at[base + slot] = Number(first);
      const n = Number(r[4 + 2 * slot]);
      at[base + SLOTS + slot]! += n;
      if (slot < phaseSlots) touchpoints += n;
    }
  }

  const top = new Map<string, Map<string, number>>();
  for (const r of names) {
    for (const stage of [`phase:${r.phase}`, `p5:${r.p5}`]) {
      const m = top.get(stage) ?? new Map<string, number>();
      m.set(r.name, (m.get(r.name) ?? 0) + num(r.n));
      top.set(stage, m);
    }
  }

  // One pass over the visitors tallies every slot for all visitors and for each first-touch channel at
  // once; the times between stages (for the medians) are kept for all visitors only.
  const hasNext = new Uint8Array(SLOTS);
  (Object.keys(STAGE_MODELS) as StageModel[]).forEach((model) => STAGE_MODELS[model].forEach((stage, i) => {
    if (i + 1 < STAGE_MODELS[model].length) hasNext[slotOf.get(`${model}:${stage}`)!] = 1;
  }));
  interface Tally { visitors: number; reached: Float64Array; tps: Float64Array; converted: Float64Array }
  const tally = (): Tally => ({ visitors: 0, reached: new Float64Array(SLOTS), tps: new Float64Array(SLOTS), converted: new Float64Array(SLOTS) });
  const overall = tally();
  const gaps: number[][] = Array.from({ length: SLOTS }, () => []);
  const channels = new Map<string, Tally>();
  for (let visitor = 0; visitor < visitorCount; visitor++) {
    const channel = channelOf[visitor]!;
    let ct = channels.get(channel);
    if (ct === undefined) channels.set(channel, (ct = tally()));
    overall.visitors++;
    ct.visitors++;
    const base = visitor * 2 * SLOTS;
    for (let slot = 0; slot < SLOTS; slot++) {
      const t = at[base + SLOTS + slot]!;
      overall.tps[slot]! += t;
      ct.tps[slot]! += t;
      const first = at[base + slot]!;
      if (first === Infinity) continue;
      overall.reached[slot]!++;
      ct.reached[slot]!++;
      if (!hasNext[slot]) continue;
      const then = at[base + slot + 1]!;
      if (then !== Infinity && then >= first) {
        overall.converted[slot]!++;
        ct.converted[slot]!++;
        gaps[slot]!.push(then - first);
      }
    }
  }
  const stageRows = (model: StageModel, t: Tally) => {
    const order = STAGE_MODELS[model];
    return order.map((stage, i) => {
      const slot = slotOf.get(`${model}:${stage}`)!;
      const reached = t.reached[slot]!;
      const next = order[i + 1];
      return {
        stage,
        visitors: reached,
        touchpoints: t.tps[slot]!,
        next,
        converted: t.converted[slot]!,
        conversion: next !== undefined && reached ? t.converted[slot]! / reached : null,
        slot,
      };
    });
  };

  const stages = {} as Record<StageModel, StageRow[]>;
  for (const model of Object.keys(STAGE_MODELS) as StageModel[]) {
    stages[model] = stageRows(model, overall).map(({ slot, ...row }) => ({
      ...row,
      topTouchpoints: [...(top.get(`${model}:${row.stage}`) ?? new Map<string, number>())]
        .map(([name, count]) => ({ name, count }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
      medianMsToNext: row.next === undefined ? null : median(gaps[slot]!),
    }));
  }

  const brief = (rows: ReturnType<typeof stageRows>) => rows.map(({ stage, visitors: n, touchpoints: t, converted, conversion }) => ({ stage, visitors: n, touchpoints: t, converted, conversion }));
  const byChannel = [...channels]
    .sort((a, b) => b[1].visitors - a[1].visitors || a[0].localeCompare(b[0]))
    .map(([channel, t]) => ({ channel, visitors: t.visitors, stages: { phase: brief(stageRows('phase', t)), p5: brief(stageRows('p5', t)) } }));

  return { filter, visitors: visitorCount, people: visitorCount, identifiedPeople, touchpoints, stages, byChannel, abandonment: abandoned, botTouchpoints: bots };
}
