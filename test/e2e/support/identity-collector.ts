// An in-process collector for the identity e2e tests (e-mail links, the identity cookie): the real handler,
// e-mail routes and admin routes over an in-memory SQLite store, behind the Node adapter, recording what
// reaches the sink so a test can read each event's verified claim (`linkTo`). Its clock can be moved on
// (`advance`) to step past the scanner window or a link's expiry without waiting.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHandler, silentLogger, type IdentityCookieOptions, type StoredEvent } from '@touchpoint/collector';
import { createAdminRoutes } from '@touchpoint/collector/admin';
import { createEmailLinks, type EmailLinkKeys, type EmailLinks } from '@touchpoint/collector/email';
import { toNodeListener } from '@touchpoint/collector/node';
import { openSqliteStore } from '@touchpoint/collector/sqlite';
import type { Store } from '@touchpoint/collector';

export const E2E_KEYS: EmailLinkKeys = { keys: [{ id: 'e2e', secret: 'e2e-secret-e2e-secret-e2e-secret-0' }], signWith: 'e2e' };
export const ADMIN_TOKEN = 'e2e-admin-token-0123456789';

export interface IdentityCollector {
  /** e.g. `http://127.0.0.1:40123` (or the `host` given) */
  url: string;
  store: Store;
  links: EmailLinks;
  /** every event that reached the sink, with `linkTo` */
  written: StoredEvent[];
  /** moves the collector's clock on by `ms` */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** Starts the collector for `site` with browser `origins`; `host` names it in `url` (e.g. `localhost`). */
export async function identityCollector(opts: { site: string; origins: string[]; host?: string; identityCookie?: IdentityCookieOptions }): Promise<IdentityCollector> {
  const store = openSqliteStore(':memory:');
  const written: StoredEvent[] = [];
  let skew = 0;
  const now = () => Date.now() + skew;
  const sink = { write: async (rows: StoredEvent[]) => (written.push(...rows), store.write(rows)), ready: () => store.ready(), close: async () => {} };
  const sites = [{ id: opts.site, origins: opts.origins }];
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://${opts.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
  const links = createEmailLinks({ store, sink, sites, keys: E2E_KEYS, baseUrl: url, now });
  const handler = createHandler({
    sink, sites, log: silentLogger, rateLimit: false, now, emailLinks: links,
    routes: [links.route, createAdminRoutes({ store, token: ADMIN_TOKEN, emailLinks: links, now })],
    ...(opts.identityCookie ? { identityCookie: opts.identityCookie } : {}),
  });
  server.on('request', toNodeListener(handler));
  return {
    url, store, links, written,
    advance: (ms) => void (skew += ms),
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await store.close();
    },
  };
}
