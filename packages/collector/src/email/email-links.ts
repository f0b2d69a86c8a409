// The e-mail routes: `GET /email/open/{token}` (a 1×1 GIF) and `GET /email/click/{token}` (a 302 to the
// destination), the claim a landing page's `tp_link` makes, and minting. Refusals are plain pages: a 400
// for a tampered, unknown-key or foreign link, a 410 for an expired or erased one; nothing is stored then,
// and a redirect only ever goes to one of the link's site's own origins.
import { randomUUID } from 'node:crypto';
import type { TouchpointEvent } from '@touchpoint/schema';
import type { Route, RouteInfo } from '../handler.js';
import { silentLogger, type Logger } from '../log.js';
import { enrichEvent } from '../pipeline/enrich.js';
import type { IpPolicy } from '../pipeline/ip.js';
import { createSites, type SiteConfig, type Sites } from '../sites.js';
import type { EventSink, IdentityClaim, Store } from '../store/types.js';
import { destinationProblem, findEmailLink, mintEmailLink, type MintedLink, type MintInput } from './links.js';
import { machineClick, machineOpen } from './machine-traffic.js';
import { checkEmailLinkKeys, verifyEmailLink, type EmailLinkClaims, type EmailLinkKeys } from './token.js';

/** Options of {@link createEmailLinks}. */
export interface EmailLinkOptions {
  /** where `email_links` rows are kept and read */
  store: Store;
  /** where opens and clicks are written (default: `store`; give the handler's sink when it is a stream) */
  sink?: EventSink;
  /** the sites served (the same as the handler's) */
  sites: Sites | SiteConfig[];
  /** signing keys: `{ keys: [{ id, secret }], signWith }`; every listed key verifies (rotation) */
  keys: EmailLinkKeys;
  /** the collector's public URL the links point at, e.g. `https://shop.example` (a path prefix is kept) */
  baseUrl: string;
  /** client IP handling of the stored touchpoints (default: truncate to /24 and /48, as the handler) */
  ip?: IpPolicy;
  /** where store failures are logged (default: nowhere) */
  log?: Logger;
  /** clock, ms since epoch (tests) */
  now?: () => number;
}

/** The e-mail links of a collector: their route, the landing claim the handler checks, and minting. */
export interface EmailLinks {
  /** serves `/email/open/{token}` and `/email/click/{token}`; give it to the handler's `routes` */
  route: Route;
  /**
   * The identity claim a landing page's `tp_link` token makes for site `site`: the recipient's user id,
   * once the token is verified (a click token of that site, live, its row not erased); else undefined.
   */
  claim(site: string, token: string): Promise<IdentityClaim | undefined>;
  /** mints the open pixel and click redirect of one recipient (see {@link mintEmailLink}) */
  mint(input: MintInput): Promise<MintedLink>;
}

/** The 43-byte transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const OPENS_KEPT = 10_000;
/** At most this many touchpoints are stored per link and kind in {@link STORE_WINDOW_MS}; later hits are answered, not stored. */
export const MAX_STORED_PER_LINK = 20;
const STORE_WINDOW_MS = 600_000;
const PATH = /\/email\/(open|click)\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;
const NO_STORE = { 'cache-control': 'no-store, max-age=0', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

const page = (status: 400 | 405 | 410, text: string, headers: Record<string, string> = {}) =>
  new Response(`${text}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...NO_STORE, ...headers } });

/** Where a click goes: the destination with the campaign's UTM parameters (kept when it has its own) and `tp_link`. */
export function landingUrl(claims: EmailLinkClaims, token: string): string {
  const u = new URL(claims.destination);
  const q = u.searchParams;
  if (!q.has('utm_source')) q.set('utm_source', 'email');
  if (!q.has('utm_medium')) q.set('utm_medium', 'email');
  if (!q.has('utm_campaign')) q.set('utm_campaign', claims.campaign);
  q.set('tp_link', token);
  return u.href;
}

/**
 * Creates the e-mail links of a collector. Give `route` to the handler's `routes` and the object itself
 * to the handler's `emailLinks` (landing claims) and to the admin routes' `emailLinks` (minting).
 * @example
 * const links = createEmailLinks({ store, sites, keys: { keys: [{ id: 'k1', secret }], signWith: 'k1' }, baseUrl: 'https://shop.example' });
 * createHandler({ sink: store, sites, emailLinks: links, routes: [links.route, createAdminRoutes({ store, emailLinks: links })] });
 */
export function createEmailLinks(options: EmailLinkOptions): EmailLinks {
  const keys = checkEmailLinkKeys(options.keys);
  const sites = Array.isArray(options.sites) ? createSites(options.sites) : options.sites;
  const { store } = options;
  const sink = options.sink ?? store;
  const now = options.now ?? Date.now;
  const log = options.log ?? silentLogger;
  const ipPolicy: IpPolicy = options.ip ?? { mode: 'truncate' };
  // When each link's pixel was last served (bounded): a click right after it is a scanner's (machine-traffic.ts).
  const opened = new Map<string, number>();
  // Touchpoints stored per link and kind in the current window (bounded): one leaked link replayed in a
  // loop must not fill the store. A person clicks a few times.
  const stored = new Map<string, { since: number; n: number }>();
  const mayStore = (key: string, t: number): boolean => {
    let w = stored.get(key);
    if (!w || t - w.since >= STORE_WINDOW_MS) {
      stored.delete(key);
      stored.set(key, (w = { since: t, n: 0 }));
      if (stored.size > OPENS_KEPT) stored.delete(stored.keys().next().value!);
    }
    return ++w.n <= MAX_STORED_PER_LINK;
  };
  if (!/^https?:\/\/[^/]/.test(options.baseUrl)) throw new Error(`email links baseUrl: an http(s) URL like https://shop.example, got ${JSON.stringify(options.baseUrl)}`);

  async function serve(request: Request, kind: 'open' | 'click', token: string, info: RouteInfo | undefined): Promise<Response> {
    const t = now();
    const v = verifyEmailLink(keys, token, t);
    if (!v.ok) return v.reason === 'expired' ? page(410, 'This link has expired.') : page(400, 'This link is not valid.');
    const { claims } = v;
    const site = sites.byId(claims.site);
    if (claims.kind !== kind || !site) return page(400, 'This link is not valid.');
    // The site's origins may have changed since the link was minted: re-checked on every click.
    if (kind === 'click' && destinationProblem(site, sites, claims.destination)) return page(400, 'This link is not valid.');
    const row = await findEmailLink(store, site.id, claims.ref, t);
    if (!row) return page(410, 'This link is no longer valid.');
    const userAgent = request.headers.get('user-agent');
    const key = `${site.id} ${claims.ref}`;
    const lastOpen = opened.get(key);
    const facts = { method: request.method, userAgent, ip: info?.clientIp ?? null, sinceMintMs: t - row.createdAt, ...(lastOpen !== undefined ? { sinceOpenMs: t - lastOpen } : {}) };
    if (kind === 'open') {
      opened.delete(key);
      opened.set(key, t);
      if (opened.size > OPENS_KEPT) opened.delete(opened.keys().next().value!);
    }
    const machine = kind === 'open' ? machineOpen(facts) : machineClick(facts);
    const event: TouchpointEvent = {
      id: randomUUID(),
      name: kind === 'open' ? 'email_open' : 'email_click',
      ts: t,
      userId: row.userId,
      campaign: { source: 'email', medium: 'email', campaign: claims.campaign },
      properties: machine ? { ref: claims.ref, machine } : { ref: claims.ref },
    };
    const r = enrichEvent(event, { site, receivedAt: t, userAgent, ip: info?.clientIp ?? null, ipPolicy });
    if (r.ok && mayStore(`${key} ${kind}`, t)) {
      if (machine) r.row.isBot = true;
      // The recipient still gets the destination (and the mail client its image) when the store is down.
      await sink.write([r.row]).catch((err: Error) => log.error({ site: site.id, kind, error: err.message }, 'e-mail link touchpoint not stored'));
    }
    if (kind === 'open') return new Response(request.method === 'HEAD' ? null : PIXEL, { headers: { 'content-type': 'image/gif', 'content-length': String(PIXEL.length), ...NO_STORE } });
    return new Response(null, { status: 302, headers: { location: landingUrl(claims, token), ...NO_STORE } });
  }

  return {
    async route(request, info) {
      const m = PATH.exec(new URL(request.url).pathname);
      if (!m) return undefined;
      if (request.method !== 'GET' && request.method !== 'HEAD') return page(405, 'Use GET.', { allow: 'GET, HEAD' });
      return serve(request, m[1] as 'open' | 'click', m[2]!, info);
    },
    async claim(siteId, token) {
      const t = now();
      const v = verifyEmailLink(keys, token, t);
      if (!v.ok || v.claims.kind !== 'click' || v.claims.site !== siteId) return undefined;
      const row = await findEmailLink(store, siteId, v.claims.ref, t);
      return row ? { via: 'email', userId: row.userId } : undefined;
    },
    mint: (input) => mintEmailLink({ store, sites, keys, baseUrl: options.baseUrl, now: now() }, input),
  };
}
