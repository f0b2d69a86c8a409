// `touchpoint-collector report journey|ads|feedback|attribution|funnel|weak-touchpoints|retention`: the reports in a terminal (or as JSON/CSV for a
// spreadsheet), from the same query modules the admin API and the dashboard use. Read-only: it refuses
// a database that does not exist rather than create an empty one.
import { readFile } from 'node:fs/promises';
import { parseCatalogue } from '@touchpoint/collector/check-ads';
import {
  adsReport, ATTRIBUTION_GROUPS, ATTRIBUTION_MODELS, attributionReport, feedbackReport, funnelReport, journeyReport, renderAds, renderAttribution, renderFeedback,
  renderFunnel, renderJourney, renderRetention, renderWeakTouchpoints, retentionReport, weakTouchpointsReport, type AttributionGroup, type AttributionModel, type ReportFilter, type ReportFormat, type StageModel,
} from '@touchpoint/collector/reports';
import { STORE_FLAGS, STORE_FLAGS_HELP } from './store-flags.js';
import { openStore } from '@touchpoint/collector';
import { intFlag, list, parseFlags, readStoreFlags, runCommand, timeFlag, UsageError } from './args.js';

const HELP = `Usage: touchpoint-collector report <journey|ads|feedback|attribution|funnel|weak-touchpoints|retention> [options]

Reports:
  journey           visitors per stage (before/during/after and 5P), conversion and median time to the
                    next stage, split by channel, and where people abandoned
  ads               ad landings per campaign and page: bounce, sign-up and purchase conversion, p75 LCP,
                    relevance of the page to the ad, flags — worst first
  feedback          NPS and CSAT per touchpoint and stage, classed positive / neutral / negative
  attribution       sign-ups, purchases and revenue per currency (refunds subtracted) credited to each
                    channel, campaign, ad or landing page by an attribution model
  funnel            people per checkout step and the drop-off between steps, by channel and device
  weak-touchpoints  what to fix first: weak touchpoints ranked, with the evidence for each
  retention         cohorts of people by first purchase (or first touchpoint) per week or month: the
                    share that came back and that bought again in each later period, repeat-purchase
                    rate and median time between purchases, split by first-touch channel

(To keep an ad catalogue in the store for the ads report: \`touchpoint-collector import-catalogue\`.)

Options:
${STORE_FLAGS_HELP}
  --site SITE             site id (default: every site)
  --from DATE             start: YYYY-MM-DD, ISO date-time or ms since epoch (inclusive)
  --to DATE               end (exclusive; a bare date includes that whole day)
  --format FORMAT         table (default) | json | csv
  --model MODEL           journey: stages to show, phase | p5 | both (default both);
                          attribution: last_non_direct (default) | first_touch | linear
  --lookback-days N       attribution: days before a conversion whose arrivals count (default 30)
  --by GROUP              attribution: channel (default) | campaign | ad | landing;
                          retention: cohorts by purchase (default) | touchpoint
  --period PERIOD         retention: week (default; UTC, from Monday) | month
  --steps A,B,…           funnel: the steps' touchpoint names (default the four checkout steps)
  --bots                  count touchpoints flagged as bots too (every report says how many it hides)
  --catalogue FILE        ads: match this catalogue file instead of the stored one
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
        format: { type: 'string', default: 'table' }, model: { type: 'string' },
        'lookback-days': { type: 'string' }, by: { type: 'string' }, period: { type: 'string', default: 'week' }, steps: { type: 'string', multiple: true }, bots: { type: 'boolean' },
        catalogue: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    const [kind, extra] = positionals;
    const KINDS = ['journey', 'ads', 'feedback', 'attribution', 'funnel', 'weak-touchpoints', 'retention'];
    if (!kind) throw new UsageError(`give a report: ${KINDS.join(', ')}`);
    if (kind === 'catalogue') throw new UsageError('importing a catalogue is its own command now: `touchpoint-collector import-catalogue FILE --site SITE`');
    if (!KINDS.includes(kind)) throw new UsageError(`unknown report "${kind}" (${KINDS.join(', ')})`);
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    const format = values.format as ReportFormat;
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be table, json or csv, got "${values.format}"`);
    const model = values.model ?? (kind === 'attribution' ? 'last_non_direct' : 'both');
    const models: StageModel[] | undefined = model === 'both' ? ['phase', 'p5'] : model === 'phase' || model === 'p5' ? [model] : undefined;
    if (kind === 'attribution' && !(ATTRIBUTION_MODELS as readonly string[]).includes(model)) throw new UsageError(`--model must be ${ATTRIBUTION_MODELS.join(', ')} for attribution, got "${model}"`);
    if (kind !== 'attribution' && !models) throw new UsageError(`--model must be phase, p5 or both, got "${model}"`);
    const lookbackDays = intFlag('lookback-days', values['lookback-days'], 1, 365);
    const by = values.by ?? (kind === 'retention' ? 'purchase' : 'channel');
    if (kind === 'retention') {
      if (by !== 'purchase' && by !== 'touchpoint') throw new UsageError(`--by must be purchase or touchpoint for retention, got "${by}"`);
      if (values.period !== 'week' && values.period !== 'month') throw new UsageError(`--period must be week or month, got "${values.period}"`);
    } else if (!(ATTRIBUTION_GROUPS as readonly string[]).includes(by)) throw new UsageError(`--by must be ${ATTRIBUTION_GROUPS.join(', ')}, got "${by}"`);
    const steps = values.steps ? list(values.steps) : undefined;
    if (steps && (steps.length === 0 || steps.some((s) => !/^[a-z][a-z0-9_]{0,63}$/.test(s)))) throw new UsageError('--steps must be touchpoint names separated by commas');
    const filter: ReportFilter = {};
    if (values.site) filter.site = values.site;
    if (values.bots) filter.includeBots = true;
    const from = timeFlag('from', values.from);
    const to = timeFlag('to', values.to);
    if (from !== undefined) filter.from = from;
    if (to !== undefined) filter.to = to;
    const catalogue = values.catalogue ? await readCatalogueFile(values.catalogue) : undefined;

    const store = await openStore(readStoreFlags(values));
    try {
      let out: string;
      if (kind === 'journey') out = renderJourney(await journeyReport(store, filter), format, models);
      else if (kind === 'attribution') out = renderAttribution(await attributionReport(store, filter, { model: model as AttributionModel, lookbackDays, by: by as AttributionGroup }), format);
      else if (kind === 'retention') out = renderRetention(await retentionReport(store, filter, { by: by as 'purchase' | 'touchpoint', period: values.period as 'week' | 'month' }), format);
      else if (kind === 'funnel') out = renderFunnel(await funnelReport(store, filter, { steps }), format);
      else if (kind === 'weak-touchpoints') out = renderWeakTouchpoints(await weakTouchpointsReport(store, filter), format);
      else if (kind === 'feedback') out = renderFeedback(await feedbackReport(store, filter), format);
      else out = renderAds(await adsReport(store, filter, { catalogue }), format);
      process.stdout.write(out);
      return 0;
    } finally {
      await store.close();
    }
  });
}
