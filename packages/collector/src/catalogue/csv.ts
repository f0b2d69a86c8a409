import { parse } from 'csv-parse/sync';

/** One CSV record and the 1-based line it starts on (quoted fields may span lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** The delimiters a catalogue may use: `,` (most exports), `;` (Excel in Spanish and other comma-decimal locales), tab. */
export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/**
 * The delimiter of a CSV file, read from its header row: whichever of `,` `;` and tab occurs most outside
 * quotes (`,` when none does). The header is where a delimiter is surest: its names hold none.
 * @example detectDelimiter('ad_id;headline\nA1;"Hola, mundo"') // ';'
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const c of text.replace(/^\uFEFF/, '')) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c as CsvDelimiter)) counts.set(c as CsvDelimiter, counts.get(c as CsvDelimiter)! + 1);
  }
  let best: CsvDelimiter = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/**
 * Parses CSV with csv-parse (RFC 4180: quotes, doubled quotes, CRLF or LF, newlines inside quotes; a stray
 * quote inside a field kept as text, as Excel writes it), with the delimiter detected from the header
 * (`,` `;` or tab), remembering the line each record starts on so errors can point at it. Skips blank
 * lines; a leading BOM is ignored. An unterminated quote is reported rather than swallowing the rest of
 * the file, and every record before it is kept.
 * @example parseCsv('a;b\n"x; y";2') // { delimiter: ';', records: [{ line: 1, fields: ['a','b'] }, { line: 2, fields: ['x; y','2'] }] }
 */
export function parseCsv(text: string): { records: CsvRecord[]; delimiter: CsvDelimiter; error?: { line: number; message: string } } {
  const delimiter = detectDelimiter(text);
  let error: { line: number; message: string } | undefined;
  const rows = parse(text, {
    delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true, raw: true,
    skip_records_with_error: true,
    on_skip: (err: { code?: string; message: string } | undefined) => {
      if (err && !error) error = { line: 0, message: err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'unterminated quoted field' : err.message };
    },
  }) as unknown as Array<{ record: string[]; info: { lines: number }; raw: string }>;
  const records = rows.map(({ record, info, raw }) => ({
    // `info.lines` is the line a record ends on: count back the line breaks inside it.
    line: info.lines - (raw.replace(/\r?\n$|\r$/, '').match(/\r\n|\n|\r/g)?.length ?? 0),
    fields: record,
  }));
  if (error) {
    // The unterminated quote opens the first record after the last one read.
    const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
    let line = rows.length ? rows[rows.length - 1]!.info.lines + 1 : 1;
    while (line <= lines.length && !lines[line - 1]!.trim()) line++;
    error.line = line;
  }
  return { records, delimiter, ...(error ? { error } : {}) };
}
