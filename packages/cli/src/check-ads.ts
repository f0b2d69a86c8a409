// `touchpoint-collector check-ads ads.csv`: checks every ad's landing page from the marketer's machine.
import { readFile } from 'node:fs/promises';
import { type Format, formatChecks, parseCatalogue, runChecks, saveCheckResults } from '@touchpoint/collector/check-ads';
import { STORE_FLAGS, STORE_FLAGS_HELP } from './store-flags.js';
import { openStore } from '@touchpoint/collector';
import { intFlag, list, parseFlags, runCommand, storeFlags, UsageError } from './args.js';

const HELP = `Usage: touchpoint-collector check-ads FILE [options]

Fetches every ad's landing URL (CSV or JSON catalogue: ad_id, source, medium, campaign, term, content,
headline, keywords, landing_url), follows redirects, and lists the problems worst first: HTTP errors,
redirect loops, UTM parameters or click ids lost in redirects, home-page or bare sign-up-form landings,
pages off topic for the ad (lacking the word that distinguishes it) or thin, slow or oversized pages.
Catalogues: CSV (delimiter , ; or tab; UTF-8 or Windows-1252) or JSON; optional columns brand (yes/no)
and synonyms (groups separated by |, phrases by =).

Exit status: 0 every ad is fine, 1 an ad has a problem, 2 the catalogue or the flags are wrong (bad rows
are listed by line; the good ones are still checked).

Options:
  --format FORMAT         table (default) | json | csv
  --min-score N           relevance below N (0–100) is a problem (default 40)
  --max-ms MS             a landing slower than MS in total is a problem (default 3000)
  --timeout-ms MS         give up on a URL after MS, redirects included (default 10000)
  --max-bytes N           read at most N bytes of each page (default 2000000)
  --max-redirects N       redirects followed at most (default 10)
  --concurrency N         checks at once (default 16)
  --per-host N            connections to one host at once (default 4)
  --allow-loopback        allow http://localhost / 127.0.0.1 (a local preview of the site)
  --allow LIST            comma-separated hosts, addresses or CIDR ranges allowed although private
                          (intranet staging servers), e.g. staging.internal,10.20.0.0/16
  --site SITE             also keep the results in the store's check history for SITE, and what
                          the checks learn about the site (one ad is then judged as in a full run)
${STORE_FLAGS_HELP}
  -h, --help              this help

Private, loopback and link-local addresses are refused unless allowed (every redirect hop and every
resolved address is checked).`;

/** Runs the checker; exit code 0 when every ad is fine, 1 when any has a problem, 2 when the catalogue or the flags are wrong. */
export async function run(argv: string[]): Promise<number> {
  return runCommand('check-ads', HELP, () => check(argv));
}

async function check(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags({
    args: argv, strict: true, allowPositionals: true,
    options: {
      ...STORE_FLAGS,
      format: { type: 'string', default: 'table' },
      'min-score': { type: 'string' }, 'max-ms': { type: 'string' }, 'timeout-ms': { type: 'string' },
      'max-bytes': { type: 'string' }, 'max-redirects': { type: 'string' }, concurrency: { type: 'string' },
      'per-host': { type: 'string' }, 'allow-loopback': { type: 'boolean' }, allow: { type: 'string' },
      site: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('give exactly one catalogue file, e.g. `check-ads ads.csv`');
  const format = values.format as Format;
  if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`--format must be table, json or csv, got "${values.format}"`);
  const options = {
    minScore: intFlag('min-score', values['min-score'], 0, 100),
    maxMs: intFlag('max-ms', values['max-ms'], 1),
    timeoutMs: intFlag('timeout-ms', values['timeout-ms'], 1),
    maxBytes: intFlag('max-bytes', values['max-bytes'], 1024),
    maxRedirects: intFlag('max-redirects', values['max-redirects'], 0, 50),
    concurrency: intFlag('concurrency', values.concurrency, 1, 256),
    perHost: intFlag('per-host', values['per-host'], 1, 64),
    allowLoopback: values['allow-loopback'] ?? false,
    allow: list(values.allow),
  };
  // Flags first: a mistyped store flag must not surface after minutes of checking.
  const storeOptions = values.site ? storeFlags(values) : undefined;

  let text: Buffer;
  try {
    text = await readFile(file);
  } catch (err) {
    console.error(`touchpoint-collector check-ads: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    return 2;
  }
  const { ads, errors } = parseCatalogue(text, { requireUrl: true });
  for (const e of errors) console.error(`${file}:${e.line}: ${e.message}`);
  if (ads.length === 0) {
    console.error(`touchpoint-collector check-ads: no ad to check in ${file}`);
    return 2;
  }

  // A progress bar only for a person watching: piped output (CI, a file) stays clean.
  const tty = process.stderr.isTTY === true;
  const progress = (done: number, total: number) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ads`);
    if (done === total) process.stderr.write('\n');
  };
  // With a store, the checks learn the site from every page and ad checked before (and keep what they
  // learn), so checking one ad gives the verdict a full run would.
  const store = values.site && storeOptions ? await openStore(storeOptions) : undefined;
  let results;
  try {
    results = await runChecks(ads, { ...options, onProgress: tty ? progress : undefined, store, site: values.site });
    if (store && values.site) await saveCheckResults(store, values.site, results);
  } finally {
    await store?.close();
  }
  process.stdout.write(formatChecks(results, format));
  if (errors.length) {
    console.error(`touchpoint-collector check-ads: ${errors.length} bad catalogue row${errors.length > 1 ? 's' : ''} (listed above) were not checked`);
    return 2;
  }
  return results.some((r) => !r.ok) ? 1 : 0;
}
