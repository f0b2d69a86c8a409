import { P5_STAGES, PHASES, stageOf, TOUCHPOINT } from '@touchpoint/schema';
import type { Store } from '../store/types.js';
import { botTouchpoints } from './bots.js';
import { personJoins, personKey } from './people.js';
import { filterSql, jsonNumber, jsonText, num, parsedEvents, type ReportFilter } from './sql.js';

/** How a touchpoint feels to customers, from its scores. */
export type Sentiment = 'positive' | 'neutral' | 'negative';

/**
 * Thresholds of the positive / neutral / negative classes.
 * NPS (−100…100): positive at 30 or more, negative below 0. CSAT (0–1): positive at 0.8 or more,
 * negative below 0.6. A touchpoint with both is negative if either is negative, positive if both are
 * positive, neutral otherwise.
 */
export const SENTIMENT_THRESHOLDS = { npsPositive: 30, npsNegative: 0, csatPositive: 0.8, csatNegative: 0.6 } as const;

/** Scores of one touchpoint (or one stage). */
export interface FeedbackRow {
  /** NPS answers (0–10) */
  npsResponses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters − % detractors, −100…100, rounded; null without NPS answers */
  nps: number | null;
  /** CSAT answers (1–5) */
  csatResponses: number;
  /** answers of 4 or 5 */
  satisfied: number;
  /** satisfied / answers, 0–1; null without CSAT answers */
  csat: number | null;
  sentiment: Sentiment;
}

/** The feedback report: per rated touchpoint and per stage of both models. */
export interface FeedbackReport {
  filter: ReportFilter;
  /** people who answered (a person's devices together, docs/identity.md) */
  people: number;
  /** per rated touchpoint; `people`: who answered about it */
  touchpoints: Array<FeedbackRow & { touchpoint: string; phase: string | null; p5: string | null; people: number }>;
  stages: { phase: Array<FeedbackRow & { stage: string }>; p5: Array<FeedbackRow & { stage: string }> };
  /** answers left out: unknown scale or a score outside it */
  ignored: number;
  thresholds: typeof SENTIMENT_THRESHOLDS;
  /** touchpoints of the range hidden as bots */
  botTouchpoints: number;
}

type Counts = Omit<FeedbackRow, 'nps' | 'csat' | 'sentiment'>;
const empty = (): Counts => ({ npsResponses: 0, promoters: 0, passives: 0, detractors: 0, csatResponses: 0, satisfied: 0 });

/** Classifies scores with {@link SENTIMENT_THRESHOLDS}. */
export function sentimentOf(nps: number | null, csat: number | null): Sentiment {
  const t = SENTIMENT_THRESHOLDS;
  const classes: Sentiment[] = [];
  if (nps !== null) classes.push(nps >= t.npsPositive ? 'positive' : nps < t.npsNegative ? 'negative' : 'neutral');
  if (csat !== null) classes.push(csat >= t.csatPositive ? 'positive' : csat < t.csatNegative ? 'negative' : 'neutral');
  if (classes.includes('negative')) return 'negative';
  return classes.length && classes.every((c) => c === 'positive') ? 'positive' : 'neutral';
}

/** The key of answers that name no rated touchpoint. */
const UNSPECIFIED = '(unspecified)';

const finish = (c: Counts): FeedbackRow => {
  const nps = c.npsResponses ? Math.round((100 * (c.promoters - c.detractors)) / c.npsResponses) : null;
  const csat = c.csatResponses ? c.satisfied / c.csatResponses : null;
  return { ...c, nps, csat, sentiment: sentimentOf(nps, csat) };
};

/**
 * NPS (promoters 9–10 minus detractors 0–6, on the 0–10 scale) and CSAT (share of 4–5 on 1–5) per
 * rated touchpoint (`properties.touchpoint`, `(unspecified)` when absent) and per stage of the rated
 * touchpoint, each classed positive / neutral / negative ({@link SENTIMENT_THRESHOLDS}).
 * @example const { touchpoints } = await feedbackReport(store, { site: 'shop' })
 */
export async function feedbackReport(store: Store, filter: ReportFilter): Promise<FeedbackReport> {
  const d = store.dialect;
  // One pass over the answers' JSON (the CTE is read three times: materialised, or SQLite reads it anew each time): the
  // answers per rated touchpoint, scale and score; the people (people.ts) who answered per rated
  // touchpoint; and the people who answered at all. Only those few rows leave the database.
  const e = filterSql(filter, 'e');
  const src = parsedEvents(d, `${e.where} AND e.name = '${TOUCHPOINT.feedback}'`);
  const [answers, bots] = await Promise.all([
    store.queryArrays(
      `WITH a AS MATERIALIZED (
         SELECT ${jsonText(d, 'properties', 'touchpoint')} AS touchpoint, ${jsonText(d, 'properties', 'scale')} AS scale,
           ${jsonNumber(d, 'properties', 'score')} AS score, ${personKey('e')} AS person
         FROM ${src.from} ${personJoins('e')} WHERE ${src.where})
       SELECT 'score', touchpoint, scale, score, COUNT(*) FROM a GROUP BY touchpoint, scale, score
       UNION ALL SELECT 'people', COALESCE(NULLIF(touchpoint, ''), '${UNSPECIFIED}'), NULL, NULL, COUNT(DISTINCT person) FROM a GROUP BY 2
       UNION ALL SELECT 'everyone', NULL, NULL, NULL, COUNT(DISTINCT person) FROM a`,
      e.params),
    botTouchpoints(store, filter),
  ]);
  const rows: Array<{ touchpoint: string | null; scale: string | null; score: unknown; n: number }> = [];
  const peopleOf = new Map<string, number>();
  let people = 0;
  for (const [part, touchpoint, scale, score, n] of answers as Array<[string, string | null, string | null, unknown, unknown]>) {
    if (part === 'score') rows.push({ touchpoint, scale, score, n: num(n) });
    else if (part === 'people') peopleOf.set(touchpoint!, num(n));
    else people = num(n);
  }
  const byTouchpoint = new Map<string, Counts>();
  let ignored = 0;
  for (const r of rows) {
    const n = num(r.n);
    const score = r.score === null ? NaN : num(r.score);
    const valid = Number.isInteger(score) && ((r.scale === 'nps' && score >= 0 && score <= 10) || (r.scale === 'csat' && score >= 1 && score <= 5));
    if (!valid) {
      ignored += n;
      continue;
    }
    const key = r.touchpoint || UNSPECIFIED;
    const c = byTouchpoint.get(key) ?? empty();
    if (r.scale === 'nps') {
      c.npsResponses += n;
      if (score >= 9) c.promoters += n;
      else if (score >= 7) c.passives += n;
      else c.detractors += n;
    } else {
      c.csatResponses += n;
      if (score >= 4) c.satisfied += n;
    }
    byTouchpoint.set(key, c);
  }

  const touchpoints = [...byTouchpoint].map(([touchpoint, c]) => {
    const stage = stageOf(touchpoint);
    return { touchpoint, phase: stage?.phase ?? null, p5: stage?.p5 ?? null, ...finish(c), people: peopleOf.get(touchpoint) ?? 0 };
  }).sort((a, b) => (a.nps ?? 101) - (b.nps ?? 101) || (a.csat ?? 2) - (b.csat ?? 2) || a.touchpoint.localeCompare(b.touchpoint));

  const byStage = (model: 'phase' | 'p5') => {
    const m = new Map<string, Counts>();
    for (const [touchpoint, c] of byTouchpoint) {
      const stage = stageOf(touchpoint)?.[model] ?? '(no stage)';
      const acc = m.get(stage) ?? empty();
      for (const k of Object.keys(acc) as Array<keyof Counts>) acc[k] += c[k];
      m.set(stage, acc);
    }
    // Journey order; touchpoints outside the journey last.
    const order: readonly string[] = model === 'phase' ? PHASES : P5_STAGES;
    const rank = (stage: string) => (order.includes(stage) ? order.indexOf(stage) : order.length);
    return [...m].map(([stage, c]) => ({ stage, ...finish(c) })).sort((a, b) => rank(a.stage) - rank(b.stage));
  };

  return { filter, people, touchpoints, stages: { phase: byStage('phase'), p5: byStage('p5') }, ignored, thresholds: SENTIMENT_THRESHOLDS, botTouchpoints: bots };
}
