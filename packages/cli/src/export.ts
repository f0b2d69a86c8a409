// `touchpoint-collector export`: streams stored touchpoints as NDJSON or CSV, in constant memory.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { EVENT_COLUMNS, type EventFilter, openStore, type Store, type StoredEvent } from '@touchpoint/collector';
import { STORE_FLAGS, STORE_FLAGS_HELP } from './store-flags.js';
import { parseFlags, readStoreFlags, runCommand, timeFlag, UsageError } from './args.js';

const HELP = `Usage: touchpoint-collector export [options]

Streams stored touchpoints in (ts, id) order, one per line, in constant memory.

Options:
  --site ID               only this site
  --from TIME             from this time (ms, YYYY-MM-DD or ISO date-time; inclusive)
  --to TIME               until this time (exclusive; a bare date includes that whole day)
  --format FORMAT         ndjson (default) or csv
  --out FILE              write to FILE instead of stdout
  -h, --help              this help

Store:
${STORE_FLAGS_HELP}

Example:
  touchpoint-collector export --db ./touchpoint.db --site shop --from 2026-11-01 --format csv > shop.csv`;

/** Quotes a CSV field (RFC 4180) and defuses spreadsheet formulas (OWASP "CSV injection"). */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  // A text cell starting with = + - @ (or tab/CR) runs as a formula in spreadsheets.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const CSV_HEADER = `${EVENT_COLUMNS.map(([c]) => c).join(',')}\n`;
const csvLine = (e: StoredEvent) => `${EVENT_COLUMNS.map(([, f]) => csvField(e[f])).join(',')}\n`;
// NDJSON carries the stored event JSON as an object, not a string inside a string.
const ndjsonLine = (e: StoredEvent) => `${JSON.stringify({ ...e, data: JSON.parse(e.data) as unknown })}\n`;

/**
 * Writes every stored event matching `filter` to `out`, waiting on back-pressure so memory stays flat
 * however many rows there are. Resolves with the number of events written.
 *
 * @example
 * await exportEvents(store, { site: 'shop' }, 'csv', process.stdout);
 */
export async function exportEvents(store: Store, filter: EventFilter, format: 'ndjson' | 'csv', out: Writable): Promise<number> {
  const line = format === 'csv' ? csvLine : ndjsonLine;
  let n = 0;
  if (format === 'csv' && !out.write(CSV_HEADER)) await once(out, 'drain');
  for await (const e of store.iterate(filter)) {
    n++;
    if (!out.write(line(e))) await once(out, 'drain');
  }
  return n;
}

/** `touchpoint-collector export [options]` */
export async function run(argv: string[]): Promise<number> {
  return runCommand('export', HELP, async () => {
    const { values } = parseFlags({ args: argv, strict: true, allowPositionals: false, options: {
      ...STORE_FLAGS,
      site: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    } });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    const format = values.format ?? 'ndjson';
    if (format !== 'ndjson' && format !== 'csv') throw new UsageError(`--format must be ndjson or csv, got "${format}"`);
    if (values.stream) throw new UsageError('export reads a store: use --db or --pg, not --stream');
    const filter: EventFilter = {};
    if (values.site) filter.site = values.site;
    const from = timeFlag('from', values.from);
    const to = timeFlag('to', values.to);
    if (from !== undefined) filter.from = from;
    if (to !== undefined) filter.to = to;
    const store = await openStore(readStoreFlags(values));
    const out: Writable = values.out ? createWriteStream(values.out) : process.stdout;
    try {
      const n = await exportEvents(store, filter, format, out);
      if (values.out) {
        out.end();
        await once(out, 'finish');
      }
      console.error(`touchpoint-collector export: ${n} touchpoints`);
      return 0;
    } finally {
      await store.close();
    }
  });
}
