// The people reports in a terminal or a spreadsheet: retention cohorts and one person's timeline.
import { formatCsv, formatTable, type Column } from './format.js';
import { duration, type ReportFormat } from './render.js';
import type { RetentionCohort, RetentionReport } from './retention.js';
import type { Timeline, TimelineEntry } from './timeline.js';

// Ids come from the data: shown with control characters escaped, as table cells are (format.ts).
const printable = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const month = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/**
 * Renders the retention report. Table: per cohort its people, repeat-purchase rate, median time between
 * purchases and, per later period (+1, +2, …), `returned% / bought again%`; then the totals and the
 * split by first-touch channel. CSV: one row per cohort × later period (`channel` empty for all people,
 * then each channel's). JSON: the report itself.
 * @example process.stdout.write(renderRetention(report, 'table'))
 */
export function renderRetention(report: RetentionReport, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const label = report.period === 'week' ? day : month;
  if (format === 'csv') {
    const rows = [{ channel: '', cohorts: report.cohorts }, ...report.byChannel].flatMap((g) => g.cohorts.flatMap((c) =>
      (c.periods.length ? c.periods : [undefined]).map((p) => ({ channel: g.channel, c, p }))));
    return formatCsv<(typeof rows)[number]>([
      { header: 'channel', value: (r) => r.channel },
      { header: 'cohort', value: (r) => label(r.c.start) },
      { header: 'people', value: (r) => r.c.people },
      { header: 'buyers', value: (r) => r.c.buyers },
      { header: 'repeat_buyers', value: (r) => r.c.repeatBuyers },
      { header: 'repeat_purchase_rate', value: (r) => r.c.repeatPurchaseRate },
      { header: 'median_ms_between_purchases', value: (r) => r.c.medianMsBetweenPurchases },
      { header: 'offset', value: (r) => r.p?.offset },
      { header: 'period', value: (r) => (r.p ? label(r.p.start) : undefined) },
      { header: 'returned', value: (r) => r.p?.returned },
      { header: 'returned_share', value: (r) => r.p?.returnedShare },
      { header: 'bought_again', value: (r) => r.p?.boughtAgain },
      { header: 'bought_again_share', value: (r) => r.p?.boughtAgainShare },
    ], rows);
  }
  const offsets = Math.max(0, ...report.cohorts.map((c) => c.periods.length));
  const cohortColumns: Column<RetentionCohort>[] = [
    { header: report.period === 'week' ? 'week of' : 'month', value: (c) => label(c.start) },
    { header: 'people', value: (c) => c.people, right: true },
    { header: 'repeat', value: (c) => pct(c.repeatPurchaseRate), right: true },
    { header: 'between buys', value: (c) => duration(c.medianMsBetweenPurchases), right: true },
    ...Array.from({ length: offsets }, (_, k): Column<RetentionCohort> => ({
      header: `+${k + 1}`, right: true,
      value: (c) => (c.periods[k] ? `${pct(c.periods[k]!.returnedShare)} / ${pct(c.periods[k]!.boughtAgainShare)}` : ''),
    })),
  ];
  const t = report.total;
  const out = [
    `Retention — cohorts by first ${report.by}, per ${report.period} (UTC${report.period === 'week' ? ', weeks from Monday' : ''}); later periods: came back / bought again`,
    '', formatTable(cohortColumns, report.cohorts), '',
    `${t.people} people, ${t.buyers} bought, ${t.repeatBuyers} more than once (repeat-purchase rate ${pct(t.repeatPurchaseRate)}), median time between purchases ${duration(t.medianMsBetweenPurchases)}`,
    '', 'By first-touch channel', formatTable<RetentionReport['byChannel'][number]>([
      { header: 'channel', value: (c) => c.channel },
      { header: 'people', value: (c) => c.people, right: true },
      { header: 'buyers', value: (c) => c.buyers, right: true },
      { header: 'repeat', value: (c) => pct(c.repeatPurchaseRate), right: true },
      { header: 'between buys', value: (c) => duration(c.medianMsBetweenPurchases), right: true },
      { header: '+1 came back', value: (c) => pct(share(c.cohorts, 'returned')), right: true },
      { header: '+1 bought again', value: (c) => pct(share(c.cohorts, 'boughtAgain')), right: true },
    ], report.byChannel),
  ];
  return `${out.join('\n')}\n`;
}

// The share of a group's people (in cohorts that have a next period) who came back / bought in it.
function share(cohorts: RetentionCohort[], what: 'returned' | 'boughtAgain'): number | null {
  let people = 0;
  let n = 0;
  for (const c of cohorts) {
    if (!c.periods[0]) continue;
    people += c.people;
    n += c.periods[0][what];
  }
  return people ? n / people : null;
}

const timelineColumns: Column<TimelineEntry>[] = [
  { header: 'time (UTC)', value: (e) => new Date(e.ts).toISOString().replace('T', ' ').slice(0, 19) },
  { header: 'touchpoint', value: (e) => e.name, max: 32 },
  { header: 'phase', value: (e) => e.phase },
  { header: 'p5', value: (e) => e.p5 },
  { header: 'valence', value: (e) => e.valence },
  { header: 'channel', value: (e) => e.channel },
  { header: 'device', value: (e) => [e.device, e.browser].filter(Boolean).join(' / '), max: 24 },
  { header: 'campaign', value: (e) => (e.campaign ? [e.campaign.source, e.campaign.medium, e.campaign.campaign].filter(Boolean).join(' / ') : ''), max: 32 },
  { header: 'path', value: (e) => e.path, max: 32 },
  { header: 'browser id', value: (e) => e.anonymousId ?? (e.userId !== null ? '(server side)' : ''), max: 20 },
];

/**
 * Renders a person's timeline: who it is (key, user ids, browsers), then one line per touchpoint, oldest
 * first (table); one row per touchpoint (CSV); the timeline itself (JSON).
 * @example process.stdout.write(renderTimeline(timeline, 'table'))
 */
export function renderTimeline(timeline: Timeline, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(timeline, null, 2)}\n`;
  if (format === 'csv') {
    return formatCsv<TimelineEntry>([
      { header: 'ts', value: (e) => new Date(e.ts).toISOString() }, { header: 'name', value: (e) => e.name },
      { header: 'phase', value: (e) => e.phase }, { header: 'p5', value: (e) => e.p5 }, { header: 'valence', value: (e) => e.valence },
      { header: 'channel', value: (e) => e.channel }, { header: 'device', value: (e) => e.device }, { header: 'browser', value: (e) => e.browser },
      { header: 'os', value: (e) => e.os }, { header: 'utm_source', value: (e) => e.campaign?.source }, { header: 'utm_medium', value: (e) => e.campaign?.medium },
      { header: 'utm_campaign', value: (e) => e.campaign?.campaign }, { header: 'path', value: (e) => e.path },
      { header: 'anonymous_id', value: (e) => e.anonymousId }, { header: 'user_id', value: (e) => e.userId }, { header: 'session_id', value: (e) => e.sessionId },
    ], timeline.touchpoints);
  }
  const p = timeline.person;
  const head = [
    printable(`Person ${p.key} on ${p.site} — ${timeline.touchpoints.length}${timeline.truncated ? '+' : ''} touchpoints`),
    printable(`user ids: ${p.userIds.join(', ') || '(none)'}; browsers: ${p.anonymousIds.join(', ') || '(none)'}`),
  ];
  const tail = timeline.truncated ? ['', `(more touchpoints than the limit: raise --limit or narrow --from/--to)`] : [];
  return [...head, '', formatTable(timelineColumns, timeline.touchpoints), ...tail].join('\n') + '\n';
}
