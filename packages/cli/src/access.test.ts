import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createAdminRoutes } from '@touchpoint/collector/admin';
import { openSqliteStore } from '@touchpoint/collector/sqlite';
import { run } from './access.js';

const dir = mkdtempSync(join(tmpdir(), 'tp-access-cli-'));
const db = join(dir, 'access.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `access …` in-process; returns exit code, stdout and stderr. */
async function access(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((m: unknown) => void out.push(String(m)));
  const error = vi.spyOn(console, 'error').mockImplementation((m: unknown) => void err.push(String(m)));
  try {
    const code = await run([...argv, '--db', db]);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('touchpoint-collector access', () => {
  it('creates a key shown once, lists it without its secret, and revokes it at once', async () => {
    const created = await access('create', '--name', 'Ana (shop)', '--viewer', 'shop,blog', '--admin', 'blog');
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^tpk_[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain('viewer shop, admin blog');
    const [id, secret] = token.split('.');
    const listed = await access('list', '--format', 'json');
    const { keys } = JSON.parse(listed.stdout);
    expect(keys.find((k: { id: string }) => k.id === id)).toMatchObject({ name: 'Ana (shop)', revokedAt: null });
    expect(listed.stdout).not.toContain(secret);
    // the stored row holds a salted scrypt hash, not the secret
    const store = openSqliteStore(db);
    const [row] = await store.query<{ salt: string; hash: string }>('SELECT salt, hash FROM access_keys WHERE id = ?', [id]);
    expect(row!.hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(JSON.stringify(row)).not.toContain(secret);
    const routes = createAdminRoutes({ store });
    const ask = () => routes(new Request('http://c.test/api/reports/journey?site=shop', { headers: { authorization: `Bearer ${token}` } }));
    expect((await ask())!.status).toBe(200);
    expect((await access('revoke', id!)).code).toBe(0);
    expect((await ask())!.status).toBe(401);
    await store.close();
    expect((await access('list')).stdout).toMatch(new RegExp(`${id}\\s+Ana \\(shop\\)\\s+admin blog, viewer shop\\s+\\S+\\s+\\S+\\s+\\d{4}-`));
  });

  it('shares one report with a link and lists, revokes and audits it', async () => {
    const shared = await access('share', '--site', 'shop', '--report', 'ads', '--days', '7', '--url', 'https://collect.example/');
    expect(shared.code).toBe(0);
    expect(shared.stdout.trim()).toMatch(/^https:\/\/collect\.example\/dashboard\/shared#[A-Za-z0-9_-]{43}$/);
    const { links } = JSON.parse((await access('shares', '--format', 'json')).stdout);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ site: 'shop', report: 'ads', revokedAt: null });
    expect((await access('unshare', links[0].id)).code).toBe(0);
    expect((await access('shares')).stdout).toMatch(/revoked$/m);
    const audit = JSON.parse((await access('audit', '--format', 'json')).stdout).entries.map((e: { action: string; site: string; actor: string }) => [e.action, e.site, e.actor.startsWith('cli:')]);
    expect(audit).toEqual([
      ['shared-link.revoke', 'shop', true],
      ['shared-link.create', 'shop', true],
      ['key.revoke', 'shop', true],
      ['key.revoke', 'blog', true],
      ['key.create', 'blog', true],
      ['key.create', 'shop', true],
    ]);
    expect(JSON.parse((await access('audit', '--site', 'blog', '--format', 'json')).stdout).entries).toHaveLength(2);
  });

  it('exits 2 on a usage mistake', async () => {
    expect((await access('create', '--name', 'x')).code).toBe(2);
    expect((await access('create', '--name', 'x', '--viewer', 'shop', '--admin', '')).code).toBe(0);
    expect((await access('share', '--site', 'shop', '--report', 'timeline')).code).toBe(2);
    expect((await access('revoke', 'tpk_0000000000000000')).code).toBe(2);
    expect((await access('bogus')).code).toBe(2);
  });
});
