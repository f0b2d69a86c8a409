// `touchpoint-collector report journey|ads|feedback|retention`: the reports in a terminal (or as JSON/CSV for a
// spreadsheet), from the same query modules the admin API and the dashboard use. Read-only: it refuses
// a database that does not exist rather than create an empty one.
import { readFile } from 'node:fs/promises';
import { parseCatalogue } from '@touchpoint/collector/check-ads';
import { adsReport, feedbackReport, journeyReport, renderAds, renderFeedback, renderJourney, renderRetention, retentionReport, type ReportFilter, type ReportFormat, type StageModel } from '@touchpoint/collector/reports';
import { STORE_FLAGS, STORE_FLAGS_HELP } from './store-flags.js';
import { openStore } from '@touchpoint/collector';
import { parseFlags, readStoreFlags, runCommand, timeFlag, UsageError } from './args.js';

const HELP = `Usage: touchpoint-collector report <journey|ads|feedback|retention> [options]

Reports:
  journey     visitors per stage (before/during/after and 5P), conversion and median time to the next
              stage, split by channel, and where journeys break
  ads         ad landings per campaign and page: bounce, sign-up and purchase conversion, p75 LCP,
              relevance of the page to the ad, flags — worst first
  feedback    NPS and CSAT per touchpoint and stage, classed positive / neutral / negative
  retention   cohorts of people by first purchase (or first touchpoint) per week or month: the share
              that came back and that bought again in each later period, repeat-purchase rate and
              median time between purchases, split by first-touch channel

(To keep an ad catalogue in the store for the ads report: \`touchpoint-collector import-catalogue\`.)

Options:
${STORE_FLAGS_HELP}
  --site SITE             site id (default: every site)
  --from DATE             start: YYYY-MM-DD, ISO date-time or ms since epoch (inclusive)
  --to DATE               end (exclusive; a bare date includes that whole day)
  --format FORMAT         table (default) | json | csv
  --model MODEL           journey stages to show: phase | p5 | both (default both)
  --catalogue FILE        ads: match this catalogue file instead of the stored one
  --by WHAT               retention: cohorts by purchase (default) | touchpoint
  --period PERIOD         retention: week (default; UTC, from Monday) | month
  -h, --help              this help`;

const FORMATS = ['table', 'json', 'csv'] as const;

/** `--catalogue FILE`: its ads, bad rows listed by line on stderr; a file that cannot be read is a usage error. */
async function readCatalogueFile(path: string) {
  const text = await readFile(path).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`--catalogue ${path}: cannot read it (${err.code ?? err.message})`);
  });
  const { ads, errors } = parseCatalogue(text);
  for (const e of errors) console.error(`${path}:${e.line}: ${e.message}`);
  return ads;
}

/** Runs the report command; exit code 0 on success, 1 when the store fails, 2 on a usage error. */
export async function run(argv: string[]): Promise<number> {
  return runCommand('report', HELP, async () => {
    const { values, positionals } = parseFlags({
      args: argv, strict: true, allowPositionals: true,
      options: {
        ...STORE_FLAGS,
        site: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
        format: { type: 'string', default: 'table' }, model: { type: 'string', default: 'both' },
        catalogue: { type: 'string' }, by: { type: 'string', default: 'purchase' }, period: { type: 'string', default: 'week' }, help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    const [kind, extra] = positionals;
    if (!kind) throw new UsageError('give a report: journey, ads, feedback or retention');
    if (kind === 'catalogue') throw new UsageError('importing a catalogue is its own command now: `touchpoint-collector import-catalogue FILE --site SITE`');
    if (!['journey', 'ads', 'feedback', 'retention'].includes(kind)) throw new UsageError(`unknown report "${kind}" (journey, ads, feedback or retention)`);
    if (values.by !== 'purchase' && values.by !== 'touchpoint') throw new UsageError(`--by must be purchase or touchpoint, got "${values.by}"`);
    if (values.period !== 'week' && values.period !== 'month') throw new UsageError(`--period must be week or month, got "${values.period}"`);
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    const format = values.format as ReportFormat;
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be table, json or csv, got "${values.format}"`);
    const models: StageModel[] | undefined = values.model === 'both' ? ['phase', 'p5'] : values.model === 'phase' || values.model === 'p5' ? [values.model] : undefined;
    if (!models) throw new UsageError(`--model must be phase, p5 or both, got "${values.model}"`);
    const filter: ReportFilter = {};
    if (values.site) filter.site = values.site;
    const from = timeFlag('from', values.from);
    const to = timeFlag('to', values.to);
    if (from !== undefined) filter.from = from;
    if (to !== undefined) filter.to = to;
    const catalogue = values.catalogue ? await readCatalogueFile(values.catalogue) : undefined;

    const store = await openStore(readStoreFlags(values));
    try {
      let out: string;
      if (kind === 'journey') out = renderJourney(await journeyReport(store, filter), format, models);
      else if (kind === 'retention') out = renderRetention(await retentionReport(store, filter, { by: values.by, period: values.period }), format);
      else if (kind === 'feedback') out = renderFeedback(await feedbackReport(store, filter), format);
      else out = renderAds(await adsReport(store, filter, { catalogue }), format);
      process.stdout.write(out);
      return 0;
    } finally {
      await store.close();
    }
  });
}
