import { formatCsv, formatTable, type Column } from '../reports/format.js';
import type { CheckResult } from './check-ad.js';

const COLUMNS: Column<CheckResult>[] = [
  { header: 'ad', value: (r) => r.adId, max: 24 },
  { header: 'status', value: (r) => r.status || '—', right: true },
  { header: 'score', value: (r) => r.relevance?.score ?? '—', right: true },
  { header: 'time', value: (r) => (r.totalMs === undefined ? '' : `${(r.totalMs / 1000).toFixed(1)} s`), right: true },
  { header: 'redirects', value: (r) => r.redirects.length, right: true },
  { header: 'final URL', value: (r) => r.finalUrl ?? r.landingUrl, max: 60 },
  { header: 'problems', value: (r) => (r.ok ? 'ok' : r.problems.map((p) => p.message).join('; ')) },
];

const CSV_COLUMNS: Column<CheckResult>[] = [
  { header: 'ad_id', value: (r) => r.adId },
  { header: 'campaign', value: (r) => r.campaign },
  { header: 'ok', value: (r) => (r.ok ? 'yes' : 'no') },
  { header: 'status', value: (r) => r.status },
  { header: 'relevance', value: (r) => r.relevance?.score },
  { header: 'ttfb_ms', value: (r) => r.ttfbMs },
  { header: 'total_ms', value: (r) => r.totalMs },
  { header: 'bytes', value: (r) => r.bytes },
  { header: 'landing_url', value: (r) => r.landingUrl },
  { header: 'final_url', value: (r) => r.finalUrl },
  { header: 'redirect_chain', value: (r) => r.redirects.map((h) => `${h.status} ${h.url}`).join(' | ') },
  { header: 'dropped_params', value: (r) => r.droppedParams.join(' ') },
  { header: 'title', value: (r) => r.signals?.title },
  { header: 'h1', value: (r) => r.signals?.h1 },
  { header: 'problems', value: (r) => r.problems.map((p) => p.message).join('; ') },
];

/** Output formats of the checker and the reports. */
export type Format = 'table' | 'json' | 'csv';

/**
 * Renders check results (already worst first) as a terminal table, JSON or CSV.
 * @example process.stdout.write(formatChecks(results, 'table'))
 */
export function formatChecks(results: readonly CheckResult[], format: Format): string {
  if (format === 'json') return `${JSON.stringify(results, null, 2)}\n`;
  if (format === 'csv') return formatCsv(CSV_COLUMNS, results);
  const failed = results.filter((r) => !r.ok).length;
  return `${formatTable(COLUMNS, results)}\n\n${results.length} ads checked, ${failed} with problems\n`;
}
