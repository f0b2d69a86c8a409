import type { Store } from '../store/types.js';
import type { CheckResult } from './check-ad.js';

/**
 * Keeps check results in `ad_checks` (one row per ad and check time), so a landing's history — when it
 * broke, when it was fixed — stays visible.
 * @example await saveCheckResults(store, 'shop', results)
 */
export async function saveCheckResults(store: Store, site: string, results: readonly CheckResult[]): Promise<void> {
  for (const r of results) {
    await store.query(
      `INSERT INTO ad_checks (site, ad_id, checked_at, landing_url, final_url, status, ok, score, total_ms, problems, result)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (site, ad_id, checked_at) DO NOTHING`,
      [site, r.adId, r.checkedAt, r.landingUrl, r.finalUrl ?? null, r.status, r.ok ? 1 : 0, r.relevance?.score ?? null,
        r.totalMs ?? null, JSON.stringify(r.problems.map((p) => p.message)), JSON.stringify(r)],
    );
  }
}

/** A past check of one ad, in brief. */
export interface CheckHistoryEntry {
  checkedAt: number;
  ok: boolean;
  status: number | null;
  score: number | null;
  totalMs: number | null;
  problems: string[];
}

/** Bounds on check times: `from` ≤ checked_at < `to` (ms since epoch), either left open when absent. */
export interface CheckPeriod {
  from?: number;
  to?: number;
}

const periodSql = (period: CheckPeriod, alias = '') => {
  const parts: string[] = [];
  const params: number[] = [];
  if (period.from !== undefined) parts.push(`${alias}checked_at >= ?`), params.push(period.from);
  if (period.to !== undefined) parts.push(`${alias}checked_at < ?`), params.push(period.to);
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
};

/**
 * The latest check of every ad of a site within a period (full results; stored order is not meaningful):
 * a report over past dates reads the checks made then.
 * @example const latest = await latestCheckResults(store, 'shop', { from: Date.parse('2026-11-01') })
 */
export async function latestCheckResults(store: Store, site: string, period: CheckPeriod = {}): Promise<CheckResult[]> {
  const p = periodSql(period);
  const rows = await store.query<{ result: string }>(
    `SELECT c.result FROM ad_checks c
     JOIN (SELECT ad_id, MAX(checked_at) AS checked_at FROM ad_checks WHERE site = ?${p.sql} GROUP BY ad_id) m
       ON c.ad_id = m.ad_id AND c.checked_at = m.checked_at
     WHERE c.site = ?`,
    [site, ...p.params, site],
  );
  return rows.map((r) => JSON.parse(r.result) as CheckResult);
}

/**
 * Past checks of a site's ads within a period, newest first, at most `limit` per ad.
 * @example const history = await checkHistory(store, 'shop', 10) // { 'ad-1': [...] }
 */
export async function checkHistory(store: Store, site: string, limit = 10, period: CheckPeriod = {}): Promise<Record<string, CheckHistoryEntry[]>> {
  const p = periodSql(period);
  const rows = await store.query<{ ad_id: string; checked_at: unknown; ok: unknown; status: unknown; score: unknown; total_ms: unknown; problems: string }>(
    `SELECT ad_id, checked_at, ok, status, score, total_ms, problems FROM ad_checks WHERE site = ?${p.sql} ORDER BY ad_id, checked_at DESC`,
    [site, ...p.params],
  );
  const out: Record<string, CheckHistoryEntry[]> = {};
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  for (const r of rows) {
    const list = (out[r.ad_id] ??= []);
    if (list.length >= limit) continue;
    list.push({ checkedAt: Number(r.checked_at), ok: Number(r.ok) === 1, status: n(r.status), score: n(r.score), totalMs: n(r.total_ms), problems: JSON.parse(r.problems) as string[] });
  }
  return out;
}
