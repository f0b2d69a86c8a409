// Minting e-mail links and reading back whom they name. A minted link has an opaque random `ref`; the
// `email_links` table (migration 11) maps it to the site's user id, so the link itself carries no
// personal data and erasing a person (by user id) makes every link naming them unknown (410).
import { randomBytes } from 'node:crypto';
import { LIMITS } from '@touchpoint/schema';
import type { SiteConfig, Sites } from '../sites.js';
import type { Store } from '../store/types.js';
import { signEmailLink, type EmailLinkKeys } from './token.js';

const DAY = 86_400_000;
/** How long a link lives unless told: 90 days. */
export const DEFAULT_LINK_DAYS = 90;
/** The longest a link may live: a year and a day. */
export const MAX_LINK_DAYS = 366;

/** What to mint: one recipient of one campaign, and where the click goes. */
export interface MintInput {
  site: string;
  campaign: string;
  /** the site's user id of the recipient (stored in `email_links`, never in the link) */
  userId: string;
  /** the click's destination: an http(s) URL on one of the site's origins */
  destination: string;
  /** ms since epoch; default {@link DEFAULT_LINK_DAYS} days from now */
  expiresAt?: number;
}

/** A minted pair of links. */
export interface MintedLink {
  ref: string;
  site: string;
  campaign: string;
  expiresAt: number;
  /** the open pixel's URL: put it in an `<img width="1" height="1" alt="">` */
  openUrl: string;
  /** the click redirect's URL: the link's `href` */
  clickUrl: string;
}

/** The row of a live link. */
export interface LinkRow {
  userId: string;
  createdAt: number;
}

/**
 * Why `destination` may not be a site's click target, or null when it may: an http(s) URL on one of the
 * site's allowed origins (a site allowing every origin, `*`, cannot mint links: that would be an open redirect).
 */
export function destinationProblem(site: SiteConfig, sites: Sites, destination: string): string | null {
  let u: URL;
  try {
    u = new URL(destination);
  } catch {
    return `destination: not a URL: ${JSON.stringify(destination.slice(0, 100))}`;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'destination: must be an http(s) URL';
  if (u.username || u.password) return 'destination: must not carry a user name or password';
  if (site.origins.includes('*')) return `destination: site "${site.id}" allows every origin (*): list its origins to mint e-mail links`;
  if (!sites.allows(u.origin, site)) return `destination: ${u.origin} is not one of site "${site.id}"'s origins`;
  return null;
}

/**
 * Checks the input, writes the `email_links` row and signs the two links. Throws an Error naming the
 * problem for bad input (the admin API answers it as a 400, the CLI exits 2).
 * @example const link = await mintEmailLink({ store, sites, keys, baseUrl: 'https://shop.example' }, { site: 'shop', campaign: 'spring', userId: 'u-42', destination: 'https://shop.example/sale' });
 */
export async function mintEmailLink(deps: { store: Store; sites: Sites; keys: EmailLinkKeys; baseUrl: string; now?: number }, input: MintInput): Promise<MintedLink> {
  const now = deps.now ?? Date.now();
  const site = deps.sites.byId(input.site);
  if (!site) throw new Error(`site: no site "${input.site}"`);
  if (typeof input.campaign !== 'string' || !input.campaign.trim() || input.campaign.length > 200) throw new Error('campaign: 1–200 characters');
  if (typeof input.userId !== 'string' || !input.userId || input.userId.length > LIMITS.maxIdLength) throw new Error(`user: a user id of 1–${LIMITS.maxIdLength} characters`);
  if (typeof input.destination !== 'string') throw new Error('destination: required');
  const problem = destinationProblem(site, deps.sites, input.destination);
  if (problem) throw new Error(problem);
  const expiresAt = Math.floor((input.expiresAt ?? now + DEFAULT_LINK_DAYS * DAY) / 1000) * 1000;
  if (!Number.isFinite(expiresAt) || expiresAt <= now) throw new Error('expires: must be in the future');
  if (expiresAt - now > MAX_LINK_DAYS * DAY) throw new Error(`expires: at most ${MAX_LINK_DAYS} days ahead`);
  const base = deps.baseUrl.replace(/\/+$/, '');
  const ref = randomBytes(16).toString('base64url');
  const campaign = input.campaign.trim();
  await deps.store.query('INSERT INTO email_links (site, ref, user_id, campaign, destination, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [site.id, ref, input.userId, campaign, input.destination, now, expiresAt]);
  const claims = { site: site.id, ref, campaign, expiresAt };
  return {
    ref,
    site: site.id,
    campaign,
    expiresAt,
    openUrl: `${base}/email/open/${signEmailLink(deps.keys, { ...claims, kind: 'open', destination: '' })}`,
    clickUrl: `${base}/email/click/${signEmailLink(deps.keys, { ...claims, kind: 'click', destination: input.destination })}`,
  };
}

/** The live row of a link (not expired, not erased), or undefined. */
export async function findEmailLink(store: Store, site: string, ref: string, now: number): Promise<LinkRow | undefined> {
  const [row] = await store.query<{ user_id: string; created_at: number }>('SELECT user_id, created_at FROM email_links WHERE site = ? AND ref = ? AND expires_at > ?', [site, ref, now]);
  return row ? { userId: row.user_id, createdAt: Number(row.created_at) } : undefined;
}
