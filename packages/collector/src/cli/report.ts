// `touchpoint-collector report journey|ads|feedback|catalogue`: the reports in a terminal (or as JSON/CSV
// for a spreadsheet), from the same query modules the admin API and the dashboard use.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { BadParam, parseTime } from '../admin/params';
import { parseCatalogue } from '../catalogue/parse';
import { saveCatalogue } from '../catalogue/store';
import { adsReport } from '../reports/ads';
import { feedbackReport } from '../reports/feedback';
import { journeyReport, type StageModel } from '../reports/journey';
import { renderAds, renderFeedback, renderJourney, type ReportFormat } from '../reports/render';
import type { ReportFilter } from '../reports/sql';
import { STORE_FLAGS, STORE_FLAGS_HELP, storeOptionsFromFlags } from '../store/flags';
import { openStore } from '../store/open';

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
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, strict: true, allowPositionals: true,
      options: {
        ...STORE_FLAGS,
        site: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
        format: { type: 'string', default: 'table' }, model: { type: 'string', default: 'both' },
        catalogue: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    console.error(`touchpoint-collector report: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [kind, file] = positionals;
  if (values.help || !kind) {
    (values.help ? console.log : console.error)(HELP);
    return values.help ? 0 : 2;
  }
  const usage = (message: string) => {
    console.error(`touchpoint-collector report: ${message}\n\nRun \`touchpoint-collector report --help\` for the options.`);
    return 2;
  };
  if (!['journey', 'ads', 'feedback', 'catalogue'].includes(kind)) return usage(`unknown report "${kind}" (journey, ads, feedback or catalogue)`);
  const format = values.format as ReportFormat;
  if (!(FORMATS as readonly string[]).includes(format)) return usage(`--format must be table, json or csv, got "${values.format}"`);
  const models: StageModel[] | undefined = values.model === 'both' ? ['phase', 'p5'] : values.model === 'phase' || values.model === 'p5' ? [values.model] : undefined;
  if (!models) return usage(`--model must be phase, p5 or both, got "${values.model}"`);

  const filter: ReportFilter = {};
  try {
    if (values.site) filter.site = values.site;
    if (values.from) filter.from = parseTime(values.from, 'from');
    if (values.to) filter.to = parseTime(values.to, 'to');
  } catch (err) {
    if (err instanceof BadParam) return usage(`--${err.message}`);
    throw err;
  }

  const readCatalogue = async (path: string) => {
    const parsedFile = parseCatalogue(await readFile(path, 'utf8'));
    for (const e of parsedFile.errors) console.error(`${path}:${e.line}: ${e.message}`);
    return parsedFile;
  };

  const store = await openStore(storeOptionsFromFlags(values));
  try {
    if (kind === 'catalogue') {
      if (!file) return usage('catalogue: give the catalogue file, e.g. `report catalogue ads.csv --site shop`');
      if (!filter.site) return usage('catalogue: --site is required');
      const { ads, errors } = await readCatalogue(file);
      const n = await saveCatalogue(store, filter.site, ads);
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
}
