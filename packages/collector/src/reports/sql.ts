import type { Dialect, EventFilter } from '../store/types.js';

/** Who a touchpoint belongs to: the anonymous id, else the user id, else the session (cookieless mode). */
export const VISITOR = 'COALESCE(anonymous_id, user_id, session_id)';

/**
 * The filter every report takes: a site and a time range (ms since epoch, `to` exclusive), and whether
 * touchpoints flagged as bots count (`includeBots`, default false: they are left out and counted in
 * each report's `botTouchpoints`).
 */
export interface ReportFilter extends EventFilter {
  includeBots?: boolean;
}

/**
 * The WHERE conditions (without `WHERE`) and parameters for a filter, excluding bots unless the filter
 * says `includeBots`.
 * @param alias table alias to prefix columns with, e.g. `e`
 * @example const { where, params } = filterSql({ site: 'shop', from: 0 })
 */
export function filterSql(filter: ReportFilter, alias = ''): { where: string; params: unknown[] } {
  const col = (c: string) => (alias ? `${alias}.${c}` : c);
  const parts = filter.includeBots ? ['1 = 1'] : [`${col('is_bot')} = 0`];
  const params: unknown[] = [];
  if (filter.site !== undefined) {
    parts.push(`${col('site')} = ?`);
    params.push(filter.site);
  }
  if (filter.from !== undefined) {
    parts.push(`${col('ts')} >= ?`);
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    parts.push(`${col('ts')} < ?`);
    params.push(filter.to);
  }
  return { where: parts.join(' AND '), params };
}

/**
 * The events matching `where` (conditions on alias `e`) as the row source `e` of a query that reads
 * several values of their JSON: on PostgreSQL a subquery that parses `data` once per row (each
 * {@link jsonText} on the stored text would parse it again: at 46,000 ratings, three reads took twice
 * the time of one), keeping the columns {@link personJoins} needs; on SQLite, whose JSON functions read
 * the text as it is, the table itself. Follow it with the joins, then `WHERE` + the returned `where`.
 * @param parseIf a condition on `e`: only those rows' JSON is parsed (the others' `data` is NULL)
 * @example const src = parsedEvents(store.dialect, "e.site = ? AND e.name = 'feedback'")
 *   // `SELECT ${jsonText(d, 'properties', 'score')} FROM ${src.from} ${personJoins('e')} WHERE ${src.where}`
 */
export function parsedEvents(dialect: Dialect, where: string, parseIf?: string): { from: string; where: string } {
  const data = parseIf ? `CASE WHEN ${parseIf} THEN e.data::jsonb END` : 'e.data::jsonb';
  return dialect === 'sqlite'
    ? { from: 'events e', where }
    : { from: `(SELECT e.site, e.id, e.name, e.ts, e.anonymous_id, e.user_id, e.session_id, ${data} AS data FROM events e WHERE ${where} OFFSET 0) e`, where: '1 = 1' };
}

/** SQL text of a value inside the event JSON (`data`), e.g. `jsonText('sqlite', 'properties', 'h1')`. */
export function jsonText(dialect: Dialect, ...path: string[]): string {
  if (path.some((p) => !/^[a-z_][a-z0-9_]*$/i.test(p))) throw new Error(`invalid JSON path: ${path.join('.')}`);
  return dialect === 'sqlite'
    ? `CAST(json_extract(data, '$.${path.join('.')}') AS TEXT)`
    : `(data::jsonb #>> '{${path.join(',')}}')`;
}

/** SQL number of a value inside the event JSON (NULL when absent). */
export function jsonNumber(dialect: Dialect, ...path: string[]): string {
  return dialect === 'sqlite'
    ? `CAST(json_extract(data, '$.${path.join('.')}') AS REAL)`
    : `CAST(${jsonText(dialect, ...path)} AS DOUBLE PRECISION)`;
}

/** SQL 1/0 for a JSON boolean inside the event JSON (true → 1; false or absent → 0). */
export function jsonFlag(dialect: Dialect, ...path: string[]): string {
  // SQLite's json_extract gives 1 for true; PostgreSQL's #>> gives the text 'true'.
  return `CASE WHEN ${jsonText(dialect, ...path)} IN ('1', 'true') THEN 1 ELSE 0 END`;
}

/** Converts a query's number column (which PostgreSQL may return as a string for bigint/numeric) to a number. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Median of numbers (mean of the two middle values for an even count), or null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
