// `touchpoint-collector report journey|ads|feedback|catalogue`: the reports in a terminal (or as JSON/CSV
// for a spreadsheet), from the same query modules the admin API and the dashboard use.
import { readFile } from 'node:fs/promises';
import { parseCatalogue } from '../catalogue/parse';
import { saveCatalogue } from '../catalogue/store';
import { adsReport } from '../reports/ads';
import { feedbackReport } from '../reports/feedback';
import { journeyReport, type StageModel } from '../reports/journey';
import { renderAds, renderFeedback, renderJourney, type ReportFormat } from '../reports/render';
import type { ReportFilter } from '../reports/sql';
import { STORE_FLAGS, STORE_FLAGS_HELP, storeOptionsFromFlags } from '../store/flags';
import { openStore } from '../store/open';
import { parseFlags, runCommand, timeFlag, UsageError } from './args';

const HELP = `Usage: touchpoint-collector report <journey|ads|feedback> [options]
       touchpoint-collector report catalogue FILE --site SITE [store options]

Reports:
  journey     visitors per stage (before/during/after and 5P), conversion and median time to the next
              stage, split by channel, and where journeys break
  ads         ad landings per campaign and page: bounce, sign-up and purchase conversion, p75 LCP,
              relevance of the page to the ad, flags — worst first
  feedback    NPS and CSAT per touchpoint and stage, classed positive / neutral / negative
  catalogue   import an ad catalogue (CSV or JSON: ad_id, source, medium, campaign, term, content,
              headline, keywords, landing_url) into the store for SITE; bad rows are listed by line

Options:
${STORE_FLAGS_HELP}
  --site SITE             site id (default: every site)
  --from DATE             start: YYYY-MM-DD, ISO date-time or ms since epoch (inclusive)
  --to DATE               end (exclusive; a bare date includes that whole day)
  --format FORMAT         table (default) | json | csv
  --model MODEL           journey stages to show: phase | p5 | both (default both)
  --catalogue FILE        ads: match this catalogue file instead of the stored one
  -h, --help              this help`;

const FORMATS = ['table', 'json', 'csv'] as const;

/** Runs the report command; exit code 0 on success, 1 on bad data, 2 on a usage error. */
export async function run(argv: string[]): Promise<number> {
  return runCommand('report', HELP, async () => {
    const { values, positionals } = parseFlags({
      args: argv, strict: true, allowPositionals: true,
      options: {
        ...STORE_FLAGS,
        site: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
        format: { type: 'string', default: 'table' }, model: { type: 'string', default: 'both' },
        catalogue: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    const [kind, file] = positionals;
    if (!kind) throw new UsageError('give a report: journey, ads, feedback or catalogue');
    if (!['journey', 'ads', 'feedback', 'catalogue'].includes(kind)) throw new UsageError(`unknown report "${kind}" (journey, ads, feedback or catalogue)`);
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
    if (kind === 'catalogue') {
      if (!file) throw new UsageError('catalogue: give the catalogue file, e.g. `report catalogue ads.csv --site shop`');
      if (!filter.site) throw new UsageError('catalogue: --site is required');
    }

    const readCatalogue = async (path: string) => {
      const parsedFile = parseCatalogue(await readFile(path, 'utf8'));
      for (const e of parsedFile.errors) console.error(`${path}:${e.line}: ${e.message}`);
      return parsedFile;
    };

    const store = await openStore(storeOptionsFromFlags(values));
    try {
      if (kind === 'catalogue') {
        const { ads, errors } = await readCatalogue(file!);
        const n = await saveCatalogue(store, filter.site!, ads);
        console.error(`imported ${n} ads into the catalogue of ${filter.site}${errors.length ? `; ${errors.length} bad rows skipped (listed above)` : ''}`);
        return errors.length ? 1 : 0;
      }
      let out: string;
      if (kind === 'journey') out = renderJourney(await journeyReport(store, filter), format, models);
      else if (kind === 'feedback') out = renderFeedback(await feedbackReport(store, filter), format);
      else {
        const catalogue = values.catalogue ? (await readCatalogue(values.catalogue)).ads : undefined;
        out = renderAds(await adsReport(store, filter, { catalogue }), format);
      }
      process.stdout.write(out);
      return 0;
    } finally {
      await store.close();
    }
  });
}
