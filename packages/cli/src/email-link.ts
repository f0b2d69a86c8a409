// `touchpoint-collector email-link`: mints the open pixel and click redirect of one recipient, on the
// database directly (as `access` does), recorded in the audit log as `cli:<user>`.
import { userInfo } from 'node:os';
import { createSites, loadSitesFile, openStore, type Sites } from '@touchpoint/collector';
import { recordAudit } from '@touchpoint/collector/admin';
import { MAX_LINK_DAYS, mintEmailLink } from '@touchpoint/collector/email';
import { parseFlags, readStoreFlags, runCommand, UsageError } from './args.js';
import { readEmailKeys } from './email-keys.js';
import { STORE_FLAGS, STORE_FLAGS_HELP } from './store-flags.js';

const HELP = `Usage: touchpoint-collector email-link --site ID --campaign NAME --user USER_ID --to URL [options]

Mints a signed e-mail open pixel and click redirect for one recipient of a campaign. The links carry an
opaque reference, not the user id: the store maps it (email_links), so erasing the person voids them.
A click is stored as email_click (channel email) and goes on to --to with utm_source=email,
utm_medium=email, utm_campaign=NAME and tp_link; --to must be on one of the site's origins.

Options:
  --site ID               the site
  --campaign NAME         the campaign (utm_campaign)
  --user USER_ID          the recipient's user id on the site
  --to URL                where the click goes (one of the site's origins)
  --expires DAYS|DATE     days from now, or a date (YYYY-MM-DD or ISO date-time); default 90, at most ${MAX_LINK_DAYS} days
  --url URL               the collector's public URL the links point at, e.g. https://shop.example
  --email-keys FILE       signing keys: { "keys": [{ "id", "secret" }], "signWith" } (or $TOUCHPOINT_EMAIL_KEYS)
  --config FILE           the site config the collector serves (origins), as for serve
  --origin URL            or the site's origins (repeatable, comma list) instead of --config
  --format FORMAT         text (default: the two URLs) | json
${STORE_FLAGS_HELP}
  -h, --help              this help

Example:
  touchpoint-collector email-link --site shop --campaign spring --user u-42 --to https://shop.example/sale \\
    --url https://shop.example --email-keys keys.json --config sites.json --db ./touchpoint.db`;

const DAY = 86_400_000;

function expiry(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) return now + Number(value) * DAY;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (!Number.isFinite(t)) throw new UsageError(`--expires must be a number of days or a date, got "${value}"`);
  return t;
}

/** `touchpoint-collector email-link …` */
export async function run(argv: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  return runCommand('email-link', HELP, async () => {
    const { values } = parseFlags({ args: argv, strict: true, allowPositionals: false, options: {
      ...STORE_FLAGS,
      site: { type: 'string' }, campaign: { type: 'string' }, user: { type: 'string' }, to: { type: 'string' },
      expires: { type: 'string' }, url: { type: 'string' }, 'email-keys': { type: 'string' },
      config: { type: 'string' }, origin: { type: 'string', multiple: true }, format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    } });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    for (const k of ['site', 'campaign', 'user', 'to', 'url'] as const) if (!values[k]) throw new UsageError(`--${k} is required`);
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got "${format}"`);
    const keys = readEmailKeys(values['email-keys'], env);
    if (!keys) throw new UsageError('no signing keys: pass --email-keys FILE or set $TOUCHPOINT_EMAIL_KEYS');
    if (values.config && values.origin) throw new UsageError('give the site either with --config or with --origin, not both');
    let sites: Sites;
    if (values.config) sites = loadSitesFile(values.config);
    else if (values.origin) sites = createSites([{ id: values.site!, origins: values.origin.flatMap((o) => o.split(',')).map((o) => o.trim()).filter(Boolean) }]);
    else throw new UsageError("the site's origins are needed to check --to: pass --config sites.json or --origin URL");
    if (!/^https?:\/\/[^/]/.test(values.url!)) throw new UsageError(`--url must be an http(s) URL, got "${values.url}"`);
    const now = Date.now();
    const expiresAt = expiry(values.expires, now);
    const store = await openStore(readStoreFlags(values));
    try {
      let minted;
      try {
        minted = await mintEmailLink({ store, sites, keys, baseUrl: values.url!, now }, { site: values.site!, campaign: values.campaign!, userId: values.user!, destination: values.to!, ...(expiresAt !== undefined ? { expiresAt } : {}) });
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      let user = 'unknown';
      try {
        user = userInfo().username;
      } catch {}
      await recordAudit(store, { actor: `cli:${user}`, actorName: `command line (${user})`, action: 'email-link.mint', site: minted.site, detail: { ref: minted.ref, campaign: minted.campaign, expiresAt: minted.expiresAt } });
      if (format === 'json') console.log(JSON.stringify(minted, null, 2));
      else console.log(`open  ${minted.openUrl}\nclick ${minted.clickUrl}`);
      console.error(`ref ${minted.ref}, campaign ${minted.campaign}, expires ${new Date(minted.expiresAt).toISOString()}`);
      return 0;
    } finally {
      await store.close();
    }
  });
}
