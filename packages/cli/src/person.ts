// `touchpoint-collector person --site S --user U | --anonymous A`: one person's touchpoints across their
// browsers and channels, in time order — the same query as `GET /api/people/timeline`. Read-only.
import { openStore } from '@touchpoint/collector';
import { personTimeline, renderTimeline, TIMELINE_LIMITS, type ReportFormat } from '@touchpoint/collector/reports';
import { intFlag, parseFlags, readStoreFlags, runCommand, timeFlag, UsageError } from './args.js';
import { personFlags } from './person-flags.js';
import { STORE_FLAGS, STORE_FLAGS_HELP } from './store-flags.js';

const HELP = `Usage: touchpoint-collector person --site SITE (--user ID | --anonymous ID) [options]

The person a user id or a browser's anonymous id belongs to — every browser linked to them and every
user id merged into them — and their touchpoints in time order: stage, valence, channel, device,
campaign and page.

Options:
${STORE_FLAGS_HELP}
  --site SITE             site id (required)
  --user ID               the person's user id
  --anonymous ID          one of the person's anonymous (browser) ids
  --from DATE             start: YYYY-MM-DD, ISO date-time or ms since epoch (inclusive)
  --to DATE               end (exclusive; a bare date includes that whole day)
  --limit N               most touchpoints shown, oldest first (default ${TIMELINE_LIMITS.default}, at most ${TIMELINE_LIMITS.max})
  --format FORMAT         table (default) | json | csv
  --json                  same as --format json
  -h, --help              this help`;

/** Runs the person command; exit code 0 on success, 1 when the store fails, 2 on a usage error. */
export async function run(argv: string[]): Promise<number> {
  return runCommand('person', HELP, async () => {
    const { values, positionals } = parseFlags({
      args: argv, strict: true, allowPositionals: true,
      options: {
        ...STORE_FLAGS, site: { type: 'string' }, user: { type: 'string' }, anonymous: { type: 'string' },
        from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string' },
        format: { type: 'string', default: 'table' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const { site, ref } = personFlags(values);
    const format = (values.json ? 'json' : values.format) as ReportFormat;
    if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`--format must be table, json or csv, got "${values.format}"`);
    const limit = intFlag('limit', values.limit, 1, TIMELINE_LIMITS.max);
    const from = timeFlag('from', values.from);
    const to = timeFlag('to', values.to);
    const store = await openStore(readStoreFlags(values));
    try {
      process.stdout.write(renderTimeline(await personTimeline(store, site, ref, { from, to, limit }), format));
      return 0;
    } finally {
      await store.close();
    }
  });
}
