import { P5_STAGES, PHASES } from '@touchpoint/schema';
import type { Store } from '../store/types';
import { filterSql, median, num, VISITOR, type ReportFilter } from './sql';

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
  /** the most frequent touchpoint names in the stage (at most 3) */
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

/** Where journeys break: how often a session ends right after a touchpoint. */
export interface BreakRow {
  name: string;
  /** sessions with this touchpoint */
  sessions: number;
  /** sessions whose last touchpoint is this one */
  endedAfter: number;
  /** endedAfter / sessions */
  share: number;
}

/** The journey map of a site over a time range. */
export interface JourneyReport {
  filter: ReportFilter;
  visitors: number;
  touchpoints: number;
  stages: Record<StageModel, StageRow[]>;
  byChannel: ChannelJourney[];
  /** touchpoints by share of sessions that end right after them, highest first */
  breaks: BreakRow[];
}

interface VisitorStageRow { v: string; phase: string; p5: string; channel: string; first_ts: unknown; n: unknown }

/**
 * The journey map: per stage of both models (phase and 5P), visitors, touchpoints and top touchpoint
 * names; conversion from each stage to the next (share of visitors reaching stage k who reach k+1 at or
 * after first reaching k) and the median time between those first arrivals; the same split by the channel
 * of each visitor's first touchpoint in the range; and, per touchpoint, the share of sessions that end
 * right after it. Only journey touchpoints (those with a stage) count; bots never do.
 * @example const report = await journeyReport(store, { site: 'shop', from: Date.parse('2026-01-01') })
 */
export async function journeyReport(store: Store, filter: ReportFilter): Promise<JourneyReport> {
  const { where, params } = filterSql(filter);
  const base = `${where} AND phase IS NOT NULL`;
  const [visitorStages, names, sessions, ends] = await Promise.all([
    store.query<VisitorStageRow>(
      `SELECT ${VISITOR} AS v, phase, p5, channel, MIN(ts) AS first_ts, COUNT(*) AS n FROM events
       WHERE ${base} AND ${VISITOR} IS NOT NULL GROUP BY ${VISITOR}, phase, p5, channel`, params),
    store.query<{ phase: string; p5: string; name: string; n: unknown }>(
      `SELECT phase, p5, name, COUNT(*) AS n FROM events WHERE ${base} GROUP BY phase, p5, name`, params),
    store.query<{ name: string; n: unknown }>(
      `SELECT name, COUNT(DISTINCT session_id) AS n FROM events WHERE ${base} AND session_id IS NOT NULL GROUP BY name`, params),
    // A session's last touchpoint(s): ties at the same millisecond all count as "the last".
    store.query<{ name: string; n: unknown }>(
      `WITH last AS (SELECT site, session_id, MAX(ts) AS last_ts FROM events WHERE ${base} AND session_id IS NOT NULL GROUP BY site, session_id)
       SELECT e.name, COUNT(DISTINCT e.session_id) AS n FROM events e JOIN last l ON e.site = l.site AND e.session_id = l.session_id AND e.ts = l.last_ts
       WHERE ${filterSql(filter, 'e').where} AND e.phase IS NOT NULL GROUP BY e.name`, [...params, ...params]),
  ]);

  // Per visitor: first arrival in each stage of each model, and the channel of the first touchpoint.
  const visitors = new Map<string, { first: Record<string, number>; channel: string; channelTs: number }>();
  const touchpointsBy = new Map<string, number>(); // `${channel}|${stage}` and `*|${stage}`
  const add = (key: string, n: number) => touchpointsBy.set(key, (touchpointsBy.get(key) ?? 0) + n);
  let touchpoints = 0;
  for (const r of visitorStages) {
    const ts = num(r.first_ts);
    const n = num(r.n);
    let v = visitors.get(r.v);
    if (!v) visitors.set(r.v, (v = { first: {}, channel: r.channel, channelTs: ts }));
    if (ts < v.channelTs || (ts === v.channelTs && r.channel < v.channel)) {
      v.channel = r.channel;
      v.channelTs = ts;
    }
    for (const stage of [`phase:${r.phase}`, `p5:${r.p5}`]) {
      if (ts < (v.first[stage] ?? Infinity)) v.first[stage] = ts;
      add(`*|${stage}`, n);
    }
    touchpoints += n;
  }
  // Touchpoints per channel need the visitor's channel, known only after the pass above.
  for (const r of visitorStages) {
    const channel = visitors.get(r.v)!.channel;
    add(`${channel}|phase:${r.phase}`, num(r.n));
    add(`${channel}|p5:${r.p5}`, num(r.n));
  }

  const top = new Map<string, Map<string, number>>();
  for (const r of names) {
    for (const stage of [`phase:${r.phase}`, `p5:${r.p5}`]) {
      const m = top.get(stage) ?? new Map<string, number>();
      m.set(r.name, (m.get(r.name) ?? 0) + num(r.n));
      top.set(stage, m);
    }
  }

  const stageRows = (model: StageModel, channel?: string) => {
    const order = STAGE_MODELS[model];
    const group = [...visitors.values()].filter((v) => channel === undefined || v.channel === channel);
    return order.map((stage, i) => {
      const key = `${model}:${stage}`;
      const nextKey = i + 1 < order.length ? `${model}:${order[i + 1]}` : undefined;
      const reached = group.filter((v) => key in v.first);
      const gaps: number[] = [];
      for (const v of reached) {
        const at = v.first[key]!;
        const then = nextKey === undefined ? undefined : v.first[nextKey];
        if (then !== undefined && then >= at) gaps.push(then - at);
      }
      return {
        stage,
        visitors: reached.length,
        touchpoints: touchpointsBy.get(`${channel ?? '*'}|${key}`) ?? 0,
        next: order[i + 1],
        converted: gaps.length,
        conversion: nextKey && reached.length ? gaps.length / reached.length : null,
        medianMsToNext: median(gaps),
      };
    });
  };

  const stages = {} as Record<StageModel, StageRow[]>;
  for (const model of Object.keys(STAGE_MODELS) as StageModel[]) {
    stages[model] = stageRows(model).map(({ medianMsToNext, ...row }) => ({
      ...row,
      topTouchpoints: [...(top.get(`${model}:${row.stage}`) ?? new Map<string, number>())]
        .map(([name, count]) => ({ name, count }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
        .slice(0, 3),
      medianMsToNext,
    }));
  }

  const channelCounts = new Map<string, number>();
  for (const v of visitors.values()) channelCounts.set(v.channel, (channelCounts.get(v.channel) ?? 0) + 1);
  const byChannel = [...channelCounts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([channel, count]) => ({
      channel,
      visitors: count,
      stages: {
        phase: stageRows('phase', channel).map(({ stage, visitors: n, touchpoints: t, converted, conversion }) => ({ stage, visitors: n, touchpoints: t, converted, conversion })),
        p5: stageRows('p5', channel).map(({ stage, visitors: n, touchpoints: t, converted, conversion }) => ({ stage, visitors: n, touchpoints: t, converted, conversion })),
      },
    }));

  const ended = new Map(ends.map((r) => [r.name, num(r.n)]));
  const breaks = sessions
    .map((r) => ({ name: r.name, sessions: num(r.n), endedAfter: ended.get(r.name) ?? 0, share: (ended.get(r.name) ?? 0) / num(r.n) }))
    .sort((a, b) => b.share - a.share || b.sessions - a.sessions || a.name.localeCompare(b.name));

  return { filter, visitors: visitors.size, touchpoints, stages, byChannel, breaks };
}
