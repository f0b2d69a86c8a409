// Personal access keys: `id.secret`, where only a salted scrypt hash of the secret is stored. The id is
// public (it names the key in lists, the audit log and the throttle); the secret is shown once, when the
// key is created, and never again.
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/types.js';
import { isRole, type Grant, type Principal } from './roles.js';

/** A key as listed (never its secret nor its hash). */
export interface AccessKey {
  id: string;
  name: string;
  grants: Grant[];
  createdAt: number;
  createdBy: string;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** What {@link createAccessKey} answers: the key, and its full `id.secret` — the only time it is shown. */
export interface CreatedKey {
  key: AccessKey;
  /** `tpk_….…`: give it to its owner now; it cannot be shown again */
  token: string;
}

const ID = /^tpk_[0-9a-f]{16}$/;
const TOKEN = /^(tpk_[0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;
// scrypt's cost (N = 2^14, r = 8: ~16 MB and tens of ms per hash): slow enough to make a stolen hash
// expensive to attack, fast enough for sign-in. Stored with the hash so it can be raised later.
const N = 16384;
const R = 8;
const P = 1;
const LENGTH = 32;

function scryptHash(secret: string, salt: Buffer, n = N, r = R, p = P): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, LENGTH, { N: n, r, p, maxmem: 256 * n * r }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Splits `id.secret`; `undefined` when it is not shaped like a key (then it is no key at all). */
export function parseKeyToken(token: string): { id: string; secret: string } | undefined {
  const m = TOKEN.exec(token);
  return m ? { id: m[1]!, secret: m[2]! } : undefined;
}

/** True for a key id (`tpk_` and 16 hex digits). */
export function isKeyId(id: string): boolean {
  return ID.test(id);
}

/** Checks and normalises grants from outside (CLI flags, API bodies); throws a message for the caller. */
export function validGrants(raw: unknown): Grant[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new Error('grants: give at least one { site, role }');
  const bySite = new Map<string, Grant>();
  for (const [i, g] of raw.entries()) {
    const o = g as Partial<Grant> | null;
    if (typeof o?.site !== 'string' || !o.site || o.site.length > 200 || /[\u0000-\u001f\u007f]/.test(o.site)) throw new Error(`grants[${i}].site: a site id or *`);
    if (!isRole(o.role)) throw new Error(`grants[${i}].role: viewer or admin, got ${JSON.stringify(o?.role)}`);
    if (bySite.has(o.site)) throw new Error(`grants[${i}].site: "${o.site}" given twice`);
    bySite.set(o.site, { site: o.site, role: o.role });
  }
  return [...bySite.values()];
}

async function grantsOf(store: Store, ids: readonly string[]): Promise<Map<string, Grant[]>> {
  const out = new Map<string, Grant[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await store.query<{ key_id: string; site: string; role: string }>(
    `SELECT key_id, site, role FROM access_grants WHERE key_id IN (${ids.map(() => '?').join(', ')}) ORDER BY key_id, site`, ids);
  for (const r of rows) if (isRole(r.role)) out.get(r.key_id)?.push({ site: r.site, role: r.role });
  return out;
}

/**
 * Creates a personal access key with its grants. The secret is 256 random bits; only its salted scrypt
 * hash is stored.
 * @param createdBy - who made it (a key id, `admin-token`, `cli:<user>`), for the list and the audit log
 * @example const { token } = await createAccessKey(store, { name: 'Ana (shop)', grants: [{ site: 'shop', role: 'viewer' }], createdBy: 'cli:ops' });
 */
export async function createAccessKey(store: Store, input: { name: string; grants: Grant[]; createdBy: string; now?: number }): Promise<CreatedKey> {
  const name = input.name.trim();
  if (!name || name.length > 200) throw new Error('name: 1 to 200 characters');
  const grants = validGrants(input.grants);
  const id = `tpk_${randomBytes(8).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16);
  const hash = await scryptHash(secret, salt);
  const createdAt = input.now ?? Date.now();
  await store.query('INSERT INTO access_keys (id, name, salt, hash, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
    [id, name, salt.toString('base64url'), `scrypt$${N}$${R}$${P}$${hash.toString('base64url')}`, createdAt, input.createdBy]);
  for (const g of grants) await store.query('INSERT INTO access_grants (key_id, site, role) VALUES (?, ?, ?)', [id, g.site, g.role]);
  return { key: { id, name, grants, createdAt, createdBy: input.createdBy, lastUsedAt: null, revokedAt: null }, token: `${id}.${secret}` };
}

interface KeyRow {
  id: string;
  name: string;
  salt: string;
  hash: string;
  created_at: number;
  created_by: string;
  last_used_at: number | null;
  revoked_at: number | null;
}

const toKey = (r: KeyRow, grants: Grant[]): AccessKey => ({
  id: r.id, name: r.name, grants, createdAt: r.created_at, createdBy: r.created_by, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
});

/** Every key, newest first, with its grants; revoked ones too (with `revokedAt`), for the record. */
export async function listAccessKeys(store: Store): Promise<AccessKey[]> {
  const rows = await store.query<KeyRow>('SELECT * FROM access_keys ORDER BY created_at DESC, id');
  const grants = await grantsOf(store, rows.map((r) => r.id));
  return rows.map((r) => toKey(r, grants.get(r.id) ?? []));
}

/** One key by id, with its grants, or `undefined`. */
export async function getAccessKey(store: Store, id: string): Promise<AccessKey | undefined> {
  const [row] = await store.query<KeyRow>('SELECT * FROM access_keys WHERE id = ?', [id]);
  return row ? toKey(row, (await grantsOf(store, [id])).get(id) ?? []) : undefined;
}

/**
 * Revokes a key at once, and ends its dashboard sessions: every collector reads the key's row on every
 * request, so the next request with it is refused wherever it lands.
 * @returns false when there is no such key, or it was revoked already
 */
export async function revokeAccessKey(store: Store, id: string, now = Date.now()): Promise<boolean> {
  const key = await getAccessKey(store, id);
  if (!key || key.revokedAt !== null) return false;
  await store.query('UPDATE access_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now, id]);
  await store.query('DELETE FROM access_sessions WHERE principal = ?', [id]);
  return true;
}

/** Why a presented key was refused (for logs and metrics; the client only learns "refused"). */
export type KeyRefusal = 'unknown_key' | 'revoked' | 'wrong_secret';

/**
 * Checks `id.secret` against the store: the key's row is read by its id on every call (so a revocation
 * counts at once), then the secret is compared with its scrypt hash in constant time. A secret that
 * matched before is remembered by its SHA-256 in this process (never written anywhere) so a script
 * calling the API in a loop does not pay scrypt on every request.
 * @example const verify = createKeyVerifier(store); const result = await verify(id, secret);
 */
export function createKeyVerifier(store: Store): (id: string, secret: string, now?: number) => Promise<{ ok: true; principal: Principal } | { ok: false; reason: KeyRefusal }> {
  const verified = new Map<string, Buffer>();
  return async (id, secret, now = Date.now()) => {
    const [row] = await store.query<KeyRow>('SELECT * FROM access_keys WHERE id = ?', [id]);
    if (!row) return { ok: false, reason: 'unknown_key' };
    if (row.revoked_at !== null) {
      verified.delete(id);
      return { ok: false, reason: 'revoked' };
    }
    const fast = createHash('sha256').update(`${row.hash}\0${secret}`).digest();
    const known = verified.get(id);
    let ok = known !== undefined && timingSafeEqual(known, fast);
    if (!ok) {
      const [scheme, n, r, p, stored] = row.hash.split('$');
      const expected = Buffer.from(stored ?? '', 'base64url');
      if (scheme !== 'scrypt' || expected.length !== LENGTH) return { ok: false, reason: 'wrong_secret' };
      const given = await scryptHash(secret, Buffer.from(row.salt, 'base64url'), Number(n), Number(r), Number(p));
      ok = timingSafeEqual(given, expected);
      if (ok) {
        if (verified.size >= 1000) verified.delete(verified.keys().next().value as string);
        verified.set(id, fast);
      }
    }
    if (!ok) return { ok: false, reason: 'wrong_secret' };
    // At most one write a minute per key: "last used" is for people deciding what to revoke.
    if (row.last_used_at === null || now - row.last_used_at > 60_000) await store.query('UPDATE access_keys SET last_used_at = ? WHERE id = ?', [now, id]);
    const grants = (await grantsOf(store, [id])).get(id) ?? [];
    return { ok: true, principal: { id, name: row.name, grants } };
  };
}
