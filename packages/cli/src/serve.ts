// `touchpoint-collector serve`: the collector as a standalone HTTP server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from '@touchpoint/collector/node';
import { createHandler, createLogger, createMetrics, createSites, describeStore, type EventSink, loadSitesFile, type Logger, type LogLevel, openSink, openStore, postgresUrl, type Route, type SiteConfig, type Sites, type Store, type StoreOptions } from '@touchpoint/collector';
import { STORE_FLAGS, STORE_FLAGS_HELP } from './store-flags.js';
import { intFlag, list, parseFlags, runCommand, storeFlags, UsageError } from './args.js';
import { startMetricsServer } from './metrics-server.js';
import type { EmailLinkKeys, EmailLinks } from '@touchpoint/collector/email';
import { readEmailKeys } from './email-keys.js';

const HELP = `Usage: touchpoint-collector serve [options]

Runs the collector: POST /v1/touchpoints, the Segment Tracking API (/v1/batch, /v1/track, …),
/healthz, /readyz, /metrics, and the admin API and dashboard (/api/*, /dashboard), opened by the
access keys of \`touchpoint-collector access\` and by --admin-token.

Sites (a config file, or flags; at least one site is required):
  --config FILE           JSON site config: [{ "id", "origins": [...], "writeKey"?, "stages"? }]
  --site ID               a site id (repeatable, or a comma list); the flags below apply to the
                          sites of the --site before them
  --origin URL            allowed browser origin(s), e.g. https://shop.example, https://*.shop.example, *
  --write-key KEY         the site's write key (body writeKey or basic-auth user; Segment clients)

Server:
  --port N                port (default 8787, or $PORT; 0 picks a free port)
  --host ADDR             address to listen on (default 127.0.0.1; 0.0.0.0 for all interfaces)
  --admin-token TOKEN     a single token that is an admin of every site (or $TOUCHPOINT_ADMIN_TOKEN;
                          ≥ 16 characters); personal access keys need no flag
  --session-hours N       how long a dashboard sign-in lasts (default 12)
  --audit-days N          how long the audit log keeps admin actions (default 365)
  --check-allow LIST      hosts, addresses or CIDR ranges the admin "check now" may fetch although they
                          are private or loopback (refused by default against SSRF), e.g.
                          staging.internal,10.20.0.0/16,127.0.0.1
  --ip MODE               client IPs: truncate (IPv4 /24, IPv6 /48; default) or drop
  --trust-proxy           take the client IP from X-Forwarded-For, and https from X-Forwarded-Proto
                          (for the Secure session cookie) — only behind your own proxy
  --rate-limit N          requests per second per site and client (default 50; 0 turns it off)
  --burst N               requests allowed in a burst per site and client (default 200)
  --metrics-port N        serve /metrics on this port instead of the ingestion port (0: any free port)
  --metrics-host ADDR     address for --metrics-port (default 127.0.0.1)
  --email-keys FILE       serve signed e-mail links (/email/open/…, /email/click/…) and POST /api/email-links
                          with these keys: { "keys": [{ "id", "secret" }], "signWith" } (or $TOUCHPOINT_EMAIL_KEYS)
  --public-url URL        the collector's public URL the minted links point at (needed with --email-keys)
  --identity-cookie       set the first-party tp_aid cookie (HttpOnly, Secure, 400 days) and link a browser's
                          new anonymous ids to its first (Safari ITP; only where the collector answers on
                          the shop's own site, see the collector README)
  --identity-cookie-domain D  the cookie's Domain, e.g. shop.example for www. and collect. subdomains
  --log-level LEVEL       debug (one line per request) | info | warn | error (default info)
  -h, --help              this help

Store:
${STORE_FLAGS_HELP}

Example:
  touchpoint-collector serve --port 8787 --db ./touchpoint.db --site shop --origin https://shop.example`;

/** Everything `serve` needs, resolved from flags and environment. */
export interface ServeConfig {
  port: number;
  host: string;
  sites: Sites;
  store: StoreOptions;
  adminToken?: string;
  /** dashboard session lifetime, hours */
  sessionHours?: number;
  /** audit log retention, days */
  auditDays?: number;
  /** private/loopback targets the ad checker may fetch (SSRF guard allow-list) */
  checkAllow?: string[];
  ip: 'truncate' | 'drop';
  trustProxy: boolean;
  rateLimit: { perSecond: number; burst: number } | false;
  log: Logger;
  /** `/metrics` on a port of its own (and not on the ingestion port) */
  metrics?: { port: number; host: string };
  /** e-mail links: signing keys and the public URL they point at */
  email?: { keys: EmailLinkKeys; publicUrl: string };
  /** the first-party identity cookie */
  identityCookie?: { domain?: string };
}

/** A running server: its URL and a graceful stop. */
export interface RunningServer {
  url: string;
  server: Server;
  /** true when the admin API and dashboard are mounted */
  dashboard: boolean;
  /** the `/metrics` URL when they have a port of their own */
  metricsUrl?: string;
  /** stops accepting, finishes requests in flight (their writes included), closes the store */
  close(): Promise<void>;
}

/** Sites from `--site/--origin/--write-key` tokens: each flag applies to the sites of the last `--site`. */
function sitesFromFlags(tokens: ReadonlyArray<{ kind: string; name?: string; value?: string | undefined }>): SiteConfig[] {
  const sites: SiteConfig[] = [];
  let current: SiteConfig[] = [];
  for (const t of tokens) {
    if (t.kind !== 'option' || !t.value) continue;
    if (t.name === 'site') {
      current = list(t.value).map((id) => ({ id, origins: [] }));
      sites.push(...current);
    } else if (t.name === 'origin' || t.name === 'write-key') {
      if (current.length === 0) throw new UsageError(`--${t.name} must follow the --site it belongs to`);
      if (t.name === 'origin') for (const s of current) s.origins.push(...list(t.value));
      else if (current.length > 1) throw new UsageError('--write-key identifies one site: give it after a single --site');
      else current[0]!.writeKey = t.value;
    }
  }
  return sites;
}

/**
 * Resolves `serve`'s flags and environment into a {@link ServeConfig}; `undefined` for `--help`.
 * Throws a `UsageError` for a flag mistake, an `Error` for a bad site config file.
 *
 * @example
 * const config = serveConfig(['--site', 'shop', '--origin', 'https://shop.example'], process.env);
 */
export function serveConfig(argv: string[], env: Record<string, string | undefined>): ServeConfig | undefined {
  const { values, tokens } = parseFlags({ args: argv, strict: true, allowPositionals: false, tokens: true, options: {
    ...STORE_FLAGS,
    config: { type: 'string' },
    site: { type: 'string', multiple: true },
    origin: { type: 'string', multiple: true },
    'write-key': { type: 'string', multiple: true },
    port: { type: 'string' },
    host: { type: 'string' },
    'admin-token': { type: 'string' },
    'session-hours': { type: 'string' },
    'audit-days': { type: 'string' },
    'check-allow': { type: 'string', multiple: true },
    ip: { type: 'string' },
    'trust-proxy': { type: 'boolean' },
    'rate-limit': { type: 'string' },
    burst: { type: 'string' },
    'log-level': { type: 'string' },
    'metrics-port': { type: 'string' },
    'metrics-host': { type: 'string' },
    'email-keys': { type: 'string' },
    'public-url': { type: 'string' },
    'identity-cookie': { type: 'boolean' },
    'identity-cookie-domain': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) return undefined;
  const level = (values['log-level'] ?? 'info') as LogLevel;
  if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new UsageError(`--log-level must be debug, info, warn or error, got "${level}"`);
  const ip = values.ip ?? 'truncate';
  if (ip !== 'truncate' && ip !== 'drop') throw new UsageError(`--ip must be truncate or drop, got "${ip}"`);
  const flagSites = sitesFromFlags(tokens ?? []);
  if (values.config && flagSites.length) throw new UsageError('give sites either with --config or with --site flags, not both');
  let sites: Sites;
  if (values.config) sites = loadSitesFile(values.config);
  else if (flagSites.length) sites = createSites(flagSites);
  else throw new UsageError('no sites: pass --config sites.json or --site ID --origin URL');
  const perSecond = intFlag('rate-limit', values['rate-limit'], 0) ?? 50;
  const adminToken = values['admin-token'] ?? env.TOUCHPOINT_ADMIN_TOKEN;
  const config: ServeConfig = {
    port: intFlag('port', values.port ?? env.PORT, 0, 65535) ?? 8787,
    host: values.host ?? '127.0.0.1',
    sites,
    store: { ...storeFlags(values), env },
    ip,
    trustProxy: values['trust-proxy'] === true,
    rateLimit: perSecond === 0 ? false : { perSecond, burst: intFlag('burst', values.burst, 1) ?? 200 },
    log: createLogger({ level }),
  };
  if (adminToken) {
    if (adminToken.length < 16) throw new UsageError('--admin-token must be at least 16 characters (e.g. `openssl rand -hex 24`)');
    config.adminToken = adminToken;
  }
  const sessionHours = intFlag('session-hours', values['session-hours'], 1, 24 * 30);
  if (sessionHours !== undefined) config.sessionHours = sessionHours;
  const auditDays = intFlag('audit-days', values['audit-days'], 1);
  if (auditDays !== undefined) config.auditDays = auditDays;
  const metricsPort = intFlag('metrics-port', values['metrics-port'], 0, 65535);
  if (metricsPort !== undefined) config.metrics = { port: metricsPort, host: values['metrics-host'] ?? '127.0.0.1' };
  else if (values['metrics-host'] !== undefined) throw new UsageError('--metrics-host goes with --metrics-port');
  const checkAllow = list(values['check-allow']);
  if (checkAllow.length) config.checkAllow = checkAllow;
  const keys = readEmailKeys(values['email-keys'], env);
  if (keys) {
    const publicUrl = values['public-url'];
    if (!publicUrl || !/^https?:\/\/[^/]/.test(publicUrl)) throw new UsageError('--email-keys needs --public-url, the http(s) URL the links point at (e.g. https://shop.example)');
    config.email = { keys, publicUrl };
  } else if (values['public-url'] !== undefined) throw new UsageError('--public-url goes with --email-keys');
  if (values['identity-cookie']) config.identityCookie = values['identity-cookie-domain'] ? { domain: values['identity-cookie-domain'] } : {};
  else if (values['identity-cookie-domain'] !== undefined) throw new UsageError('--identity-cookie-domain goes with --identity-cookie');
  return config;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new Error(`port ${port} on ${host} is already in use`));
      else if (err.code === 'EACCES') reject(new Error(`no permission to listen on ${host}:${port}`));
      else if (err.code === 'EADDRNOTAVAIL') reject(new Error(`address ${host} is not available on this machine`));
      else reject(new Error(`cannot listen on ${host}:${port}: ${err.message}`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * Opens the store, mounts the admin routes when a token is given, and listens.
 *
 * @example
 * const running = await startServer(config);
 * process.once('SIGTERM', () => running.close());
 */
export async function startServer(config: ServeConfig): Promise<RunningServer> {
  const sink: EventSink = await openSink(config.store);
  // The admin API reads a store (access keys, sessions and the audit log live there too); in stream mode
  // it reads the store the loaders fill, when one is named.
  let adminStore: Store | undefined;
  const extraStores: Store[] = [];
  const routes: Route[] = [];
  let emailLinks: EmailLinks | undefined;
  // One metrics object for the handler and the admin routes, so failed sign-ins show on /metrics.
  const metrics = createMetrics({ sites: config.sites.list().map((s) => s.id) });
  try {
    if (!config.store.stream) adminStore = sink as Store;
    else if (config.store.db || postgresUrl(config.store)) extraStores.push((adminStore = await openStore({ ...config.store, stream: undefined })));
    if (config.email) {
      if (!adminStore) throw new Error('--email-keys: in stream mode the links need --db or --pg naming the store the loaders fill');
      const { createEmailLinks } = await import('@touchpoint/collector/email');
      emailLinks = createEmailLinks({ store: adminStore, sink, sites: config.sites, keys: config.email.keys, baseUrl: config.email.publicUrl, ip: { mode: config.ip }, log: config.log });
      routes.push(emailLinks.route);
    }
    if (adminStore) {
      const { createAdminRoutes } = await import('@touchpoint/collector/admin');
      routes.push(createAdminRoutes({
        store: adminStore,
        metrics,
        sites: config.sites,
        log: config.log,
        ...(config.adminToken ? { token: config.adminToken } : {}),
        ...(config.sessionHours ? { sessionTtlMs: config.sessionHours * 3_600_000 } : {}),
        ...(config.auditDays ? { auditRetentionDays: config.auditDays } : {}),
        ...(config.checkAllow ? { checks: { allow: config.checkAllow } } : {}),
        ...(emailLinks ? { emailLinks } : {}),
      }));
    } else if (config.adminToken) config.log.warn('admin API off: in stream mode it needs --db or --pg naming the store the loaders fill');
  } catch (err) {
    await sink.close();
    throw err;
  }
  const handler = createHandler({
    sink,
    sites: config.sites,
    routes,
    ip: { mode: config.ip },
    trustProxy: config.trustProxy,
    rateLimit: config.rateLimit,
    log: config.log,
    metrics,
    metricsRoute: !config.metrics,
    ...(emailLinks ? { emailLinks } : {}),
    ...(config.identityCookie ? { identityCookie: config.identityCookie } : {}),
  });
  const server = createServer(toNodeListener(handler));
  let metricsServer: Awaited<ReturnType<typeof startMetricsServer>> | undefined;
  try {
    await listen(server, config.port, config.host);
    if (config.metrics) metricsServer = await startMetricsServer(handler.metrics, config.metrics.port, config.metrics.host);
  } catch (err) {
    server.close();
    await sink.close();
    for (const s of extraStores) await s.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    server,
    dashboard: routes.length > 0,
    ...(metricsServer ? { metricsUrl: metricsServer.url } : {}),
    close() {
      closing ??= (async () => {
        // Stop accepting connections, then let requests in flight finish their writes before the store closes.
        let done = false;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        closed.then(() => (done = true), () => (done = true));
        server.closeIdleConnections();
        await handler.drain();
        // The handler has answered; give the adapter time to write those answers, closing each
        // keep-alive connection as it goes idle, and cut whatever still hangs after 5 s.
        for (let waited = 0; !done && waited < 5000; waited += 20) {
          server.closeIdleConnections();
          await new Promise((r) => setTimeout(r, 20));
        }
        server.closeAllConnections();
        await closed;
        metricsServer?.server.close();
        await sink.close();
        for (const s of extraStores) await s.close();
      })();
      return closing;
    },
  };
}

/** `touchpoint-collector serve [options]` */
export async function run(argv: string[]): Promise<number> {
  return runCommand('serve', HELP, async () => {
    const config = serveConfig(argv, process.env);
    if (!config) {
      console.log(HELP);
      return 0;
    }
    const running = await startServer(config);
    const siteIds = config.sites.list().map((s) => s.id);
    console.log(`touchpoint-collector listening on ${running.url}, storing in ${describeStore(config.store)}, sites: ${siteIds.join(', ')}${running.dashboard ? `, dashboard ${running.url}/dashboard` : ''}${running.metricsUrl ? `, metrics ${running.metricsUrl}` : ''}`);
    return new Promise<number>((resolve) => {
      const stop = (signal: string) => {
        config.log.info({ signal }, 'shutting down');
        // A second signal, or a stuck store, must not leave the process hanging.
        const timer = setTimeout(() => resolve(1), 15_000);
        timer.unref();
        running.close().then(
          () => {
            clearTimeout(timer);
            config.log.info('stopped');
            resolve(0);
          },
          (err: unknown) => {
            config.log.error({ error: (err as Error).message }, 'shutdown failed');
            resolve(1);
          },
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
  });
}
