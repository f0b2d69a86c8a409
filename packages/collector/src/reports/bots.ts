import type { Store } from '../store/types.js';
import { num, type ReportFilter } from './sql.js';

/**
 * How many touchpoints of the filter's site and range were flagged as bots and so are left out of the
 * reports (counted whether or not the filter includes them, so a report can say "N hidden" either way).
 * @example const hidden = await botTouchpoints(store, { site: 'shop', from: Date.parse('2026-01-01') })
 */
export async function botTouchpoints(store: Store, filter: ReportFilter): Promise<number> {
  const where = ['is_bot = 1'];
  const params: unknown[] = [];
  if (filter.site !== undefined) where.push('site = ?'), params.push(filter.site);
  if (filter.from !== undefined) where.push('ts >= ?'), params.push(filter.from);
  if (filter.to !== undefined) where.push('ts < ?'), params.push(filter.to);
  const [row] = await store.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM events WHERE ${where.join(' AND ')}`, params);
  return num(row?.n);
}
