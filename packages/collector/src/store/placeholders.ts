/**
 * Rewrites `?` placeholders as PostgreSQL's `$1, $2, …`, leaving question marks inside string literals,
 * quoted identifiers and comments alone, so one portable SQL text serves both stores.
 *
 * @param sql - SQL with `?` placeholders
 * @returns the SQL with numbered placeholders, and how many there were
 * @example
 * toNumberedPlaceholders("SELECT * FROM events WHERE site = ? AND title <> '?'");
 * // { sql: "SELECT * FROM events WHERE site = $1 AND title <> '?'", count: 1 }
 */
export function toNumberedPlaceholders(sql: string): { sql: string; count: number } {
  let out = '';
  let count = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      // A quote is escaped by doubling it ('it''s'), which this loop sees as two adjacent literals.
      const end = sql.indexOf(c, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '?') {
      out += `$${++count}`;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return { sql: out, count };
}
