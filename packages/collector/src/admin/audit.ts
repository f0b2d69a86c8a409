// The audit log of admin actions: who did what, on which site, when — kept a year by default.
import type { Store } from '../store/types.js';

/** One recorded admin action. */
export interface AuditEntry {
  id: number;
  /** ms since epoch */
  at: number;
  /** a key id, `admin-token` or `cli:<user>` */
  actor: string;
  actorName: string;
  /** e.g. `checks.run`, `catalogue.import`, `key.create`, `key.revoke`, `shared-link.create`, `session.start` */
  action: string;
  /** the site it concerned (`*` for every site), or null */
  site: string | null;
  /** what else matters (the ad count, the key's grants…), never a secret */
  detail: Record<string, unknown>;
  /** the client address, when the action came over HTTP */
  ip: string | null;
}

/** What {@link recordAudit} takes. */
export type AuditInput = Omit<AuditEntry, 'id' | 'at' | 'ip'> & { at?: number; ip?: string | null };

/** How long entries are kept by default: a year. */
export const AUDIT_RETENTION_DAYS = 365;

const DAY = 86_400_000;

/** Appends one entry. */
export async function recordAudit(store: Store, entry: AuditInput): Promise<void> {
  await store.query('INSERT INTO audit_log (at, actor, actor_name, action, site, detail, ip) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [entry.at ?? Date.now(), entry.actor, entry.actorName, entry.action, entry.site, JSON.stringify(entry.detail), entry.ip ?? null]);
}

/** Deletes entries older than `retentionDays`; returns how many. */
export async function pruneAudit(store: Store, retentionDays = AUDIT_RETENTION_DAYS, now = Date.now()): Promise<number> {
  const cutoff = now - retentionDays * DAY;
  const [row] = await store.query<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log WHERE at < ?', [cutoff]);
  if (row && Number(row.n) > 0) await store.query('DELETE FROM audit_log WHERE at < ?', [cutoff]);
  return Number(row?.n ?? 0);
}

/** Filter of {@link readAudit}. */
export interface AuditFilter {
  /** only these sites (an admin of some sites sees theirs); absent = all */
  sites?: readonly string[];
  from?: number;
  to?: number;
  /** newest first, at most this many (default 100, at most 10,000) */
  limit?: number;
}

/**
 * Reads entries, newest first.
 * @example const recent = await readAudit(store, { sites: ['shop'], limit: 20 });
 */
export async function readAudit(store: Store, filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.sites) {
    if (filter.sites.length === 0) return [];
    where.push(`site IN (${filter.sites.map(() => '?').join(', ')})`);
    params.push(...filter.sites);
  }
  if (filter.from !== undefined) where.push('at >= ?'), params.push(filter.from);
  if (filter.to !== undefined) where.push('at < ?'), params.push(filter.to);
  // An integer in [1, 10000] whatever the caller passed (it is written into the SQL, not bound).
  const limit = Number.isFinite(filter.limit) ? Math.min(10_000, Math.max(1, Math.floor(filter.limit!))) : 100;
  const rows = await store.query<{ id: number; at: number; actor: string; actor_name: string; action: string; site: string | null; detail: string; ip: string | null }>(
    `SELECT id, at, actor, actor_name, action, site, detail, ip FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ${limit}`, params);
  return rows.map((r) => ({ id: Number(r.id), at: r.at, actor: r.actor, actorName: r.actor_name, action: r.action, site: r.site, detail: JSON.parse(r.detail) as Record<string, unknown>, ip: r.ip }));
}

/**
 * An audit writer that also prunes what is older than the retention, at most once an hour per process.
 * @example const audit = createAuditLog(store, 365); await audit.record({ actor, actorName, action: 'checks.run', site, detail: {} });
 */
export function createAuditLog(store: Store, retentionDays = AUDIT_RETENTION_DAYS): { record(entry: AuditInput): Promise<void> } {
  if (!(retentionDays > 0)) throw new Error('audit retention: must be a positive number of days');
  let lastPrune = 0;
  return {
    async record(entry) {
      const at = entry.at ?? Date.now();
      await recordAudit(store, { ...entry, at });
      if (at - lastPrune > 3_600_000) {
        lastPrune = at;
        await pruneAudit(store, retentionDays, at);
      }
    },
  };
}
