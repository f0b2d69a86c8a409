// `touchpoint-collector import-catalogue FILE --site SITE`: keeps an ad catalogue in the store, so the
// ads report and the dashboard match landings to ads without a file at hand.
import { readFile } from 'node:fs/promises';
import { parseCatalogue, saveCatalogue } from '@touchpoint/collector/check-ads';
import { STORE_FLAGS, STORE_FLAGS_HELP } from './store-flags.js';
import { openStore } from '@touchpoint/collector';
import { parseFlags, runCommand, storeFlags, UsageError } from './args.js';

const HELP = `Usage: touchpoint-collector import-catalogue FILE --site SITE [store options]

Imports an ad catalogue (CSV or JSON: ad_id, source, medium, campaign, term, content, headline,
keywords, landing_url) into the store for SITE: new ad ids are added, known ones replaced. Bad rows are
listed by line and nothing is imported until the file is clean (exit 2).

Options:
  --site SITE             the site the ads belong to (required)
${STORE_FLAGS_HELP}
  -h, --help              this help`;

/** Runs the import; exit code 0 when imported, 1 when the store fails, 2 for bad flags or a bad file. */
export async function run(argv: string[]): Promise<number> {
  return runCommand('import-catalogue', HELP, async () => {
    const { values, positionals } = parseFlags({
      args: argv, strict: true, allowPositionals: true,
      options: { ...STORE_FLAGS, site: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    const [file, extra] = positionals;
    if (!file || extra !== undefined) throw new UsageError('give exactly one catalogue file, e.g. `import-catalogue ads.csv --site shop`');
    if (!values.site) throw new UsageError('--site is required');
    const storeOptions = storeFlags(values);
    const text = await readFile(file).catch((err: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read ${file} (${err.code ?? err.message})`);
    });
    const { ads, errors } = parseCatalogue(text);
    for (const e of errors) console.error(`${file}:${e.line}: ${e.message}`);
    // Half a catalogue would silently drop the broken ads from the report: all or nothing.
    if (errors.length) throw new UsageError(`${file}: ${errors.length} bad row${errors.length > 1 ? 's' : ''} (listed above); nothing imported`);
    if (ads.length === 0) throw new UsageError(`${file}: no ad in it; nothing imported`);
    const store = await openStore(storeOptions);
    try {
      const n = await saveCatalogue(store, values.site, ads);
      console.error(`imported ${n} ad${n > 1 ? 's' : ''} into the catalogue of ${values.site}`);
      return 0;
    } finally {
      await store.close();
    }
  });
}
