// `touchpoint-collector access …`: personal access keys, shared report links and the audit log, worked
// on the database directly. The command line is an admin of every site (whoever can open the database
// can read it anyway), and records what it changes in the audit log as `cli:<user>`.
import { createAccessKey, createSharedLink, listAccessKeys, listSharedLinks, readAudit, recordAudit, revokeAccessKey, revokeSharedLink, SHAREABLE_REPORTS, sharedLinkPath, getAccessKey, type Grant } from '@touchpoint/collector/admin';
import { openStore, type Store } from '@touchpoint/collector';
import { STORE_FLAGS, STORE_FLAGS_HELP } from './store-flags.js';
import { cliActor } from './cli-actor.js';
import { intFlag, list, parseFlags, readStoreFlags, runCommand, storeFlags, timeFlag, UsageError } from './args.js';

const HELP = `Usage: touchpoint-collector access <command> [options] [store options]

Who may see what. A personal access key is id.secret: the secret is shown once, when the key is
created, and only a salted hash of it is stored. Give it to its owner: they sign in to the dashboard
with it, or send it as Authorization: Bearer <key> to the admin API.

Commands:
  create --name NAME [--viewer SITES] [--admin SITES]
                          a new key: viewer (reports and dashboard) and/or admin (imports, checks,
                          access, shared links, audit log) of the sites listed (comma list; * = every site)
  list                    every key, its grants, when it was last used, revoked ones marked
  revoke KEY_ID           revokes a key at once and ends its dashboard sessions
  share --site SITE --report journey|ads|feedback [--days N] [--label TEXT] [--url URL]
                          a read-only link to one report of one site, valid N days (default 30, ≤ 366)
  shares [--site SITE]    the shared links, expired and revoked ones marked
  unshare LINK_ID         revokes a shared link at once
  audit [--site SITE] [--from DATE] [--to DATE] [--limit N]
                          admin actions, newest first (default the last 100)

Options:
  --format FORMAT         list, shares, audit: table (default) | json
${STORE_FLAGS_HELP}
  -h, --help              this help

Examples:
  touchpoint-collector access create --name "Ana (shop marketing)" --viewer shop --db ./touchpoint.db
  touchpoint-collector access share --site shop --report journey --days 7 --url https://collect.example.com`;

const DAY = 86_400_000;

// Terminal output must not let data move the cursor or recolour the screen.
const clean = (v: unknown) => String(v ?? '—').replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
const when = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));

function table(header: string[], rows: unknown[][]): string {
  const cells = [header, ...rows.map((r) => r.map(clean))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => String(r[i]).length)));
  return cells.map((r) => r.map((c, i) => String(c).padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

const grantsText = (grants: readonly Grant[]) => grants.map((g) => `${g.role} ${g.site}`).join(', ');

async function withStore<T>(options: ReturnType<typeof storeFlags>, body: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(options);
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}

/** `touchpoint-collector access <command>` */
export async function run(argv: string[]): Promise<number> {
  return runCommand('access', HELP, async () => {
    const { values, positionals } = parseFlags({
      args: argv, strict: true, allowPositionals: true,
      options: {
        ...STORE_FLAGS,
        name: { type: 'string' }, viewer: { type: 'string', multiple: true }, admin: { type: 'string', multiple: true },
        site: { type: 'string' }, report: { type: 'string' }, days: { type: 'string' }, label: { type: 'string' }, url: { type: 'string' },
        from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string' },
        format: { type: 'string', default: 'table' }, help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    const [command, arg, extra] = positionals;
    if (!command) throw new UsageError('name a command: create, list, revoke, share, shares, unshare or audit');
    if (extra !== undefined || (arg !== undefined && !['revoke', 'unshare'].includes(command))) throw new UsageError(`unexpected argument "${extra ?? arg}"`);
    const format = values.format;
    if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, got "${format}"`);
    const print = (data: unknown, header: string[], rows: unknown[][]) => console.log(format === 'json' ? JSON.stringify(data, null, 2) : rows.length ? table(header, rows) : '(none)');
    const actor = cliActor();

    switch (command) {
      case 'create': {
        if (!values.name?.trim()) throw new UsageError('--name is required: whose key it is, e.g. --name "Ana (shop)"');
        const grants = new Map<string, Grant>();
        for (const site of list(values.viewer)) grants.set(site, { site, role: 'viewer' });
        // admin wins over viewer for a site named in both
        for (const site of list(values.admin)) grants.set(site, { site, role: 'admin' });
        if (grants.size === 0) throw new UsageError('give the sites: --viewer SITES and/or --admin SITES (* = every site)');
        const created = await withStore(storeFlags(values), async (store) => {
          const c = await createAccessKey(store, { name: values.name!, grants: [...grants.values()], createdBy: actor.actor }).catch((err: Error) => {
            throw new UsageError(err.message);
          });
          for (const g of c.key.grants) await recordAudit(store, { ...actor, action: 'key.create', site: g.site, detail: { key: c.key.id, name: c.key.name, role: g.role } });
          return c;
        });
        console.error(`created ${created.key.id} for ${clean(created.key.name)}: ${grantsText(created.key.grants)}. The key below is shown once; only its hash is stored:`);
        console.log(created.token);
        return 0;
      }
      case 'list': {
        const keys = await withStore(readStoreFlags(values), listAccessKeys);
        print({ keys }, ['id', 'name', 'grants', 'created', 'last used', 'revoked'], keys.map((k) => [k.id, k.name, grantsText(k.grants), when(k.createdAt), when(k.lastUsedAt), when(k.revokedAt)]));
        return 0;
      }
      case 'revoke': {
        if (!arg) throw new UsageError('give the key id: access revoke tpk_…');
        return withStore(readStoreFlags(values), async (store) => {
          const key = await getAccessKey(store, arg);
          if (!key) throw new UsageError(`no key ${arg} (see \`access list\`)`);
          if (!(await revokeAccessKey(store, arg))) {
            console.error(`${arg} was revoked already`);
            return 0;
          }
          for (const g of key.grants) await recordAudit(store, { ...actor, action: 'key.revoke', site: g.site, detail: { key: arg, name: key.name } });
          console.error(`revoked ${arg} (${clean(key.name)}): refused from now on, its dashboard sessions ended`);
          return 0;
        });
      }
      case 'share': {
        if (!values.site) throw new UsageError('--site is required');
        if (!values.report || !(SHAREABLE_REPORTS as readonly string[]).includes(values.report)) throw new UsageError(`--report must be one of ${SHAREABLE_REPORTS.join(', ')}`);
        const days = intFlag('days', values.days, 1, 366) ?? 30;
        const { link, token } = await withStore(storeFlags(values), async (store) => {
          const c = await createSharedLink(store, { site: values.site!, report: values.report!, expiresAt: Date.now() + days * DAY, label: values.label ?? null, createdBy: actor.actor });
          await recordAudit(store, { ...actor, action: 'shared-link.create', site: c.link.site, detail: { link: c.link.id, report: c.link.report, expiresAt: c.link.expiresAt } });
          return c;
        });
        console.error(`shared link ${link.id}: the ${link.report} report of ${clean(link.site)}, read-only, until ${when(link.expiresAt)}. Shown once:`);
        console.log(`${values.url ? values.url.replace(/\/+$/, '') : ''}${sharedLinkPath(token)}`);
        return 0;
      }
      case 'shares': {
        const links = await withStore(readStoreFlags(values), (store) => listSharedLinks(store, values.site ? [values.site] : undefined));
        const now = Date.now();
        print({ links }, ['id', 'site', 'report', 'label', 'expires', 'state'], links.map((l) => [l.id, l.site, l.report, l.label, when(l.expiresAt), l.revokedAt !== null ? 'revoked' : l.expiresAt <= now ? 'expired' : 'active']));
        return 0;
      }
      case 'unshare': {
        if (!arg) throw new UsageError('give the link id: access unshare tps_…');
        return withStore(readStoreFlags(values), async (store) => {
          const link = (await listSharedLinks(store)).find((l) => l.id === arg);
          if (!link) throw new UsageError(`no shared link ${arg} (see \`access shares\`)`);
          if (await revokeSharedLink(store, arg)) {
            await recordAudit(store, { ...actor, action: 'shared-link.revoke', site: link.site, detail: { link: arg, report: link.report } });
            console.error(`revoked shared link ${arg}`);
          } else console.error(`${arg} was revoked already`);
          return 0;
        });
      }
      case 'audit': {
        const limit = intFlag('limit', values.limit, 1, 10_000) ?? 100;
        const entries = await withStore(readStoreFlags(values), (store) =>
          readAudit(store, { sites: values.site ? [values.site] : undefined, from: timeFlag('from', values.from), to: timeFlag('to', values.to), limit }));
        print({ entries }, ['when', 'who', 'action', 'site', 'detail', 'from'], entries.map((e) => [when(e.at), `${e.actorName} (${e.actor})`, e.action, e.site, JSON.stringify(e.detail), e.ip]));
        return 0;
      }
      default:
        throw new UsageError(`unknown access command "${command}": create, list, revoke, share, shares, unshare or audit`);
    }
  });
}
