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

/**
 * The latest check of every ad of a site (full results), worst first as stored order is not meaningful.
 * @example const latest = await latestCheckResults(store, 'shop')
 */
export async function latestCheckResults(store: Store, site: string): Promise<CheckResult[]> {
  const rows = await store.query<{ result: string }>(
    `SELECT c.result FROM ad_checks c
     JOIN (SELECT ad_id, MAX(checked_at) AS checked_at FROM ad_checks WHERE site = ? GROUP BY ad_id) m
       ON c.ad_id = m.ad_id AND c.checked_at = m.checked_at
     WHERE c.site = ?`,
    [site, site],
  );
  return rows.map((r) => JSON.parse(r.result) as CheckResult);
}

/**
 * Past checks of a site's ads, newest first, at most `limit` per ad.
 * @example const history = await checkHistory(store, 'shop', 10) // { 'ad-1': [...] }
 */
export async function checkHistory(store: Store, site: string, limit = 10): Promise<Record<string, CheckHistoryEntry[]>> {
  const rows = await store.query<{ ad_id: string; checked_at: unknown; ok: unknown; status: unknown; score: unknown; total_ms: unknown; problems: string }>(
    'SELECT ad_id, checked_at, ok, status, score, total_ms, problems FROM ad_checks WHERE site = ? ORDER BY ad_id, checked_at DESC',
    [site],
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
