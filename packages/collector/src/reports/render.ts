import type { AdsReport } from './ads.js';
import type { AttributionReport } from './attribution.js';
import type { FunnelReport } from './funnel.js';
import type { WeakTouchpointsReport } from './weak-touchpoints.js';
import type { FeedbackReport } from './feedback.js';
import { formatCsv, formatTable, type Column } from './format.js';
import { STAGE_MODELS, type JourneyReport, type StageModel, type StageRow } from './journey.js';

/** Output formats of the reports. */
export type ReportFormat = 'table' | 'json' | 'csv';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);
/** Renders a duration in ms as the largest sensible unit: `45 s`, `12.5 min`, `3.0 h`, `2.1 d`. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms < 172_800_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}

const stageColumns: Column<StageRow>[] = [
  { header: 'stage', value: (r) => r.stage },
  { header: 'visitors', value: (r) => r.visitors, right: true },
  { header: 'touchpoints', value: (r) => r.touchpoints, right: true },
  { header: '→ next', value: (r) => (r.next ? `${pct(r.conversion)} to ${r.next}` : ''), right: true },
  { header: 'median time', value: (r) => (r.next ? duration(r.medianMsToNext) : ''), right: true },
  // The first three in a terminal, then how many more (CSV and JSON carry them all).
  { header: 'top touchpoints', value: (r) => r.topTouchpoints.slice(0, 3).map((t) => `${t.name} (${t.count})`).join(', ') + (r.topTouchpoints.length > 3 ? `, +${r.topTouchpoints.length - 3} more` : '') },
];

/**
 * Renders the journey report: per model the stage table, then the split by channel and the abandonment
 * (table); every stage row of both models with a `model` column (CSV); the report itself (JSON).
 * @example process.stdout.write(renderJourney(report, 'table'))
 */
export function renderJourney(report: JourneyReport, format: ReportFormat, models: StageModel[] = ['phase', 'p5']): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'csv') {
    const rows = models.flatMap((model) => report.stages[model].map((r) => ({ model, ...r })));
    return formatCsv<(typeof rows)[number]>([
      { header: 'model', value: (r) => r.model },
      { header: 'stage', value: (r) => r.stage },
      { header: 'visitors', value: (r) => r.visitors },
      { header: 'touchpoints', value: (r) => r.touchpoints },
      { header: 'next_stage', value: (r) => r.next },
      { header: 'converted', value: (r) => r.converted },
      { header: 'conversion', value: (r) => r.conversion },
      { header: 'median_ms_to_next', value: (r) => r.medianMsToNext },
      { header: 'top_touchpoints', value: (r) => r.topTouchpoints.map((t) => `${t.name}:${t.count}`).join(' ') },
    ], rows);
  }
  const out = [`Journey — ${report.people} people (${report.identifiedPeople} identified), ${report.touchpoints} touchpoints`];
  for (const model of models) {
    out.push('', model === 'phase' ? 'Stages (before / during / after purchase)' : 'Stages (5P)', formatTable(stageColumns, report.stages[model]));
  }
  for (const model of models) {
    out.push('', `By channel of first touchpoint (${model})`, formatTable([
      { header: 'channel', value: (c) => c.channel },
      { header: 'visitors', value: (c) => c.visitors, right: true },
      ...STAGE_MODELS[model].map((stage, i): Column<JourneyReport['byChannel'][number]> => ({
        header: stage, right: true,
        value: (c) => {
          const s = c.stages[model][i]!;
          return s.conversion === null ? `${s.visitors}` : `${s.visitors} → ${pct(s.conversion)}`;
        },
      })),
    ], report.byChannel));
  }
  out.push('', 'Abandonment (people who stopped there without buying)', formatTable([
    { header: 'touchpoint', value: (a) => a.name },
    { header: 'reached', value: (a) => a.reached, right: true },
    { header: 'abandoned', value: (a) => a.abandoned, right: true },
    { header: 'share', value: (a) => pct(a.share), right: true },
  ], report.abandonment));
  if (report.botTouchpoints) out.push('', `${report.botTouchpoints} touchpoints from bots hidden`);
  return `${out.join('\n')}\n`;
}

/** Where a row's verdict comes from, dated when it is a check's: `check 2026-12-04 03:50 UTC` or `visitors`. */
const verdictOf = (r: AdsReport['rows'][number]) => (r.checkedAt === null ? 'visitors' : `check ${new Date(r.checkedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`);

const adColumns: Column<AdsReport['rows'][number]>[] = [
  { header: 'source/medium/campaign', value: (r) => [r.source, r.medium, r.campaign].filter(Boolean).join(' / '), max: 36 },
  { header: 'term/content', value: (r) => [r.term, r.content].filter(Boolean).join(' / '), max: 28 },
  { header: 'page', value: (r) => r.path, max: 32 },
  { header: 'landings', value: (r) => r.landings, right: true },
  { header: 'bounce', value: (r) => pct(r.bounceRate), right: true },
  { header: 'sign-up', value: (r) => pct(r.signUpRate), right: true },
  { header: 'purchase', value: (r) => pct(r.purchaseRate), right: true },
  { header: 'LCP p75', value: (r) => (r.lcpP75 === null ? '—' : `${(r.lcpP75 / 1000).toFixed(1)} s`), right: true },
  { header: 'relevance', value: (r) => r.relevance, right: true },
  { header: 'verdict', value: verdictOf },
  { header: 'flags', value: (r) => r.flags.map((f) => f.message).join('; ') },
];

/**
 * Renders the ad-landing report, worst first, as a table, CSV (one row per campaign × page) or JSON.
 * @example process.stdout.write(renderAds(report, 'csv'))
 */
export function renderAds(report: AdsReport, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'csv') {
    return formatCsv([
      { header: 'source', value: (r) => r.source }, { header: 'medium', value: (r) => r.medium }, { header: 'campaign', value: (r) => r.campaign },
      { header: 'term', value: (r) => r.term }, { header: 'content', value: (r) => r.content }, { header: 'path', value: (r) => r.path },
      { header: 'ad_id', value: (r) => r.adId }, { header: 'landings', value: (r) => r.landings }, { header: 'bounce_rate', value: (r) => r.bounceRate },
      { header: 'sign_up_rate', value: (r) => r.signUpRate }, { header: 'purchase_rate', value: (r) => r.purchaseRate },
      { header: 'lcp_p75_ms', value: (r) => r.lcpP75 }, { header: 'relevance', value: (r) => r.relevance }, { header: 'title', value: (r) => r.title },
      { header: 'flags', value: (r) => r.flags.map((f) => f.message).join('; ') },
      { header: 'verdict_source', value: (r) => r.relevanceSource },
      { header: 'checked_at', value: (r) => (r.checkedAt === null ? null : new Date(r.checkedAt).toISOString()) },
    ] as Column<AdsReport['rows'][number]>[], report.rows);
  }
  const flagged = report.rows.filter((r) => r.flags.length).length;
  return `Ad landings — worst first\n\n${formatTable(adColumns, report.rows)}\n\n${report.rows.length} campaign × page rows, ${flagged} flagged\n`;
}

/**
 * Renders the feedback report (per touchpoint, then per stage) as a table, CSV (touchpoints) or JSON.
 * @example process.stdout.write(renderFeedback(report, 'table'))
 */
export function renderFeedback(report: FeedbackReport, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const cols: Column<FeedbackReport['touchpoints'][number]>[] = [
    { header: 'touchpoint', value: (r) => r.touchpoint },
    { header: 'phase', value: (r) => r.phase },
    { header: 'p5', value: (r) => r.p5 },
    { header: 'NPS', value: (r) => r.nps ?? '—', right: true },
    { header: 'NPS answers', value: (r) => r.npsResponses, right: true },
    { header: 'CSAT', value: (r) => pct(r.csat), right: true },
    { header: 'CSAT answers', value: (r) => r.csatResponses, right: true },
    { header: 'class', value: (r) => r.sentiment },
  ];
  if (format === 'csv') return formatCsv(cols, report.touchpoints);
  const stageCols: Column<FeedbackReport['stages']['p5'][number]>[] = [
    { header: 'stage', value: (r) => r.stage },
    { header: 'NPS', value: (r) => r.nps ?? '—', right: true },
    { header: 'CSAT', value: (r) => pct(r.csat), right: true },
    { header: 'answers', value: (r) => r.npsResponses + r.csatResponses, right: true },
    { header: 'class', value: (r) => r.sentiment },
  ];
  const t = report.thresholds;
  return [
    'Feedback per touchpoint', formatTable(cols, report.touchpoints), '',
    'Per stage (5P)', formatTable(stageCols, report.stages.p5), '',
    'Per phase', formatTable(stageCols, report.stages.phase), '',
    `positive: NPS ≥ ${t.npsPositive} / CSAT ≥ ${t.csatPositive * 100}%; negative: NPS < ${t.npsNegative} / CSAT < ${t.csatNegative * 100}%${report.ignored ? `; ${report.ignored} answers outside their scale ignored` : ''}`,
  ].join('\n') + '\n';
}

const money = (x: number | null) => (x === null ? '—' : x.toFixed(2));
const share = (x: number) => (Number.isInteger(x) ? `${x}` : x.toFixed(2));

/**
 * Renders the attribution report: one row per group and currency (a group without purchases has one row
 * with empty money columns) as a table or CSV, or the report itself as JSON.
 * @example process.stdout.write(renderAttribution(report, 'csv'))
 */
export function renderAttribution(report: AttributionReport, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  type Line = { key: string | null; signUps: number; purchases: number; money?: AttributionReport['rows'][number]['revenue'][number] };
  const lines: Line[] = report.rows.flatMap((r) => (r.revenue.length ? r.revenue.map((money) => ({ ...r, money })) : [{ ...r }]));
  const cols: Column<Line>[] = [
    { header: report.by, value: (l) => l.key ?? '(none)', max: 40 },
    { header: 'sign_ups', value: (l) => share(l.signUps), right: true },
    { header: 'purchases', value: (l) => share(l.purchases), right: true },
    { header: 'currency', value: (l) => l.money?.currency },
    { header: 'orders', value: (l) => (l.money ? share(l.money.orders) : undefined), right: true },
    { header: 'gross', value: (l) => (l.money ? money(l.money.gross) : undefined), right: true },
    { header: 'refunds', value: (l) => (l.money ? money(l.money.refunds) : undefined), right: true },
    { header: 'net', value: (l) => (l.money ? money(l.money.net) : undefined), right: true },
    { header: 'average_order_value', value: (l) => (l.money ? money(l.money.averageOrderValue) : undefined), right: true },
  ];
  if (format === 'csv') {
    return formatCsv<Line>([
      { header: 'model', value: () => report.model }, { header: 'lookback_days', value: () => report.lookbackDays },
      { header: report.by, value: (l) => l.key }, { header: 'sign_ups', value: (l) => l.signUps }, { header: 'purchases', value: (l) => l.purchases },
      { header: 'currency', value: (l) => l.money?.currency }, { header: 'orders', value: (l) => l.money?.orders }, { header: 'gross', value: (l) => l.money?.gross },
      { header: 'refunds', value: (l) => l.money?.refunds }, { header: 'net', value: (l) => l.money?.net }, { header: 'average_order_value', value: (l) => l.money?.averageOrderValue },
    ], lines);
  }
  const hidden = report.botTouchpoints ? `\n${report.botTouchpoints} touchpoints from bots hidden` : '';
  return `Attribution by ${report.by} — model ${report.model}, lookback ${report.lookbackDays} days\n\n${formatTable(cols, lines)}\n\n`
    + `${report.totals.purchases} purchases, ${report.totals.signUps} sign-ups${report.unmatchedRefunds ? `; ${report.unmatchedRefunds} refunds of other orders not subtracted` : ''}${hidden}\n`;
}

/**
 * Renders the funnel: overall, by channel and by device (table); one row per segment and step with a
 * `segment` column (`all`, `channel:<c>`, `device:<d>`) (CSV); the report itself (JSON).
 * @example process.stdout.write(renderFunnel(report, 'table'))
 */
export function renderFunnel(report: FunnelReport, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const segments = [
    { segment: 'all', steps: report.overall },
    ...report.byChannel.map((s) => ({ segment: `channel:${s.key}`, steps: s.steps })),
    ...report.byDevice.map((s) => ({ segment: `device:${s.key}`, steps: s.steps })),
  ];
  if (format === 'csv') {
    const rows = segments.flatMap((s) => s.steps.map((step) => ({ segment: s.segment, ...step })));
    return formatCsv<(typeof rows)[number]>([
      { header: 'segment', value: (r) => r.segment }, { header: 'step', value: (r) => r.step }, { header: 'people', value: (r) => r.people },
      { header: 'drop_off', value: (r) => r.dropOff }, { header: 'conversion', value: (r) => r.conversion },
    ], rows);
  }
  const table = formatTable([
    { header: 'segment', value: (s) => s.segment, max: 32 },
    ...report.steps.map((step, i): Column<(typeof segments)[number]> => ({
      header: step, right: true,
      value: (s) => (s.steps[i]!.conversion === null ? `${s.steps[i]!.people}` : `${s.steps[i]!.people} (${pct(s.steps[i]!.conversion)})`),
    })),
  ], segments);
  return `Checkout funnel — people per step (conversion from the step before)\n\n${table}\n${report.botTouchpoints ? `\n${report.botTouchpoints} touchpoints from bots hidden\n` : ''}`;
}

/**
 * Renders "what to fix first": one row per weak touchpoint with its negative evidence as reason codes
 * and numbers (table, CSV), or the report itself (JSON).
 * @example process.stdout.write(renderWeakTouchpoints(report, 'table'))
 */
export function renderWeakTouchpoints(report: WeakTouchpointsReport, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const reasons = (i: WeakTouchpointsReport['items'][number]) => i.evidence
    .map((e) => `${e.class === 'negative' ? '-' : e.class === 'positive' ? '+' : '~'}${e.reason.code}(${Object.entries(e.reason.values).map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toFixed(2)}`).join(' ')})`)
    .join('; ');
  const cols: Column<WeakTouchpointsReport['items'][number]>[] = [
    { header: 'rank', value: (i) => report.items.indexOf(i) + 1, right: true },
    { header: 'touchpoint', value: (i) => i.name },
    { header: 'path', value: (i) => i.path, max: 32 },
    { header: 'score', value: (i) => i.score, right: true },
    { header: 'evidence', value: reasons },
  ];
  if (format === 'csv') return formatCsv(cols, report.items);
  return `What to fix first — weak touchpoints, worst first\n\n${formatTable(cols, report.items)}\n${report.botTouchpoints ? `\n${report.botTouchpoints} touchpoints from bots hidden\n` : ''}`;
}
