/** A column of a printed table: its heading and how to read a row's cell. */
export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  /** right-align (numbers) */
  right?: boolean;
  /** cut cells longer than this with … (terminal tables only) */
  max?: number;
}

const cell = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
// Terminal output must not let data move the cursor or recolour the screen: control characters are shown escaped.
const printable = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\n' ? ' ' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));

/**
 * Renders rows as an aligned plain-text table for a terminal (no colours, so it pipes cleanly).
 * @example formatTable([{ header: 'ad', value: (r) => r.id }], [{ id: 'A1' }])
 */
export function formatTable<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const cells = rows.map((r) => columns.map((c) => {
    const s = printable(cell(c.value(r)));
    return c.max && s.length > c.max ? `${s.slice(0, c.max - 1)}…` : s;
  }));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => (columns[i]!.right ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/**
 * Renders rows as RFC 4180 CSV with a header row. Cells that a spreadsheet would run as a formula
 * (starting with = + - @) are prefixed with a quote (CSV injection).
 * @example formatCsv([{ header: 'ad', value: (r) => r.id }], [{ id: 'A1' }]) // 'ad\r\nA1\r\n'
 */
export function formatCsv<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const esc = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) && !/^-?\d+(\.\d+)?$/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [columns.map((c) => esc(c.header)), ...rows.map((r) => columns.map((c) => esc(cell(c.value(r)))))].map((l) => l.join(',')).join('\r\n') + '\r\n';
}
