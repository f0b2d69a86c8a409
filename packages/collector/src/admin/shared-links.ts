// Read-only shared links: one report (journey, ad landings or feedback — aggregates, never a person's
// timeline) of one site, for whoever holds the link, until it expires or is revoked. Like Plausible's
// shared links. The link carries a random token; the store keeps only its SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/types.js';

/** The reports a link can share. */
export const SHAREABLE_REPORTS = ['journey', 'ads', 'feedback'] as const;
/** One of {@link SHAREABLE_REPORTS}. */
export type ShareableReport = (typeof SHAREABLE_REPORTS)[number];

/** A shared link as listed (never its token). */
export interface SharedLink {
  id: string;
  site: string;
  report: ShareableReport;
  label: string | null;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

/** The longest a link may live: a year. */
export const MAX_SHARE_DAYS = 366;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const isReport = (r: unknown): r is ShareableReport => (SHAREABLE_REPORTS as readonly unknown[]).includes(r);

/**
 * The path of a link's page on the collector: the token is in the fragment, which browsers send neither
 * to the server nor in a `Referer`.
 */
export function sharedLinkPath(token: string): string {
  return `/dashboard/shared#${token}`;
}

/**
 * Creates a link; answers it with its token — shown once, like a key's secret.
 * @example const { link, token } = await createSharedLink(store, { site: 'shop', report: 'journey', expiresAt: Date.now() + 7 * 86_400_000, createdBy: 'tpk_…' });
 */
export async function createSharedLink(store: Store, input: { site: string; report: string; expiresAt: number; label?: string | null; createdBy: string; now?: number }): Promise<{ link: SharedLink; token: string }> {
  const now = input.now ?? Date.now();
  if (!input.site || input.site === '*' || input.site.length > 200) throw new Error('site: one site id');
  if (!isReport(input.report)) throw new Error(`report: one of ${SHAREABLE_REPORTS.join(', ')}, got ${JSON.stringify(input.report)}`);
  if (!Number.isFinite(input.expiresAt) || input.expiresAt <= now) throw new Error('expiry: must be in the future');
  if (input.expiresAt - now > MAX_SHARE_DAYS * 86_400_000) throw new Error(`expiry: at most ${MAX_SHARE_DAYS} days ahead`);
  const label = input.label?.trim() ? input.label.trim().slice(0, 200) : null;
  const id = `tps_${randomBytes(8).toString('hex')}`;
  const token = randomBytes(32).toString('base64url');
  await store.query('INSERT INTO shared_links (id, token_hash, site, report, label, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [id, sha256(token), input.site, input.report, label, input.createdBy, now, Math.floor(input.expiresAt)]);
  return { link: { id, site: input.site, report: input.report, label, createdBy: input.createdBy, createdAt: now, expiresAt: Math.floor(input.expiresAt), revokedAt: null }, token };
}

interface LinkRow { id: string; site: string; report: string; label: string | null; created_by: string; created_at: number; expires_at: number; revoked_at: number | null }
const toLink = (r: LinkRow): SharedLink => ({ id: r.id, site: r.site, report: r.report as ShareableReport, label: r.label, createdBy: r.created_by, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at });
const COLUMNS = 'id, site, report, label, created_by, created_at, expires_at, revoked_at';

/** Links of the given sites (all when absent), newest first, expired and revoked ones included. */
export async function listSharedLinks(store: Store, sites?: readonly string[]): Promise<SharedLink[]> {
  if (sites && sites.length === 0) return [];
  const where = sites ? `WHERE site IN (${sites.map(() => '?').join(', ')})` : '';
  return (await store.query<LinkRow>(`SELECT ${COLUMNS} FROM shared_links ${where} ORDER BY created_at DESC, id`, sites ?? [])).map(toLink);
}

/** One link by id, or `undefined`. */
export async function getSharedLink(store: Store, id: string): Promise<SharedLink | undefined> {
  const [row] = await store.query<LinkRow>(`SELECT ${COLUMNS} FROM shared_links WHERE id = ?`, [id]);
  return row ? toLink(row) : undefined;
}

/** Revokes a link at once; false when there is no such link or it was revoked already. */
export async function revokeSharedLink(store: Store, id: string, now = Date.now()): Promise<boolean> {
  const link = await getSharedLink(store, id);
  if (!link || link.revokedAt !== null) return false;
  await store.query('UPDATE shared_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now, id]);
  return true;
}

/** The live link (not expired, not revoked) a token opens, or `undefined`. */
export async function openSharedLink(store: Store, token: string, now = Date.now()): Promise<SharedLink | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const [row] = await store.query<LinkRow>(`SELECT ${COLUMNS} FROM shared_links WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?`, [sha256(token), now]);
  return row ? toLink(row) : undefined;
}
