import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandler, silentLogger } from '@touchpoint/collector';
import { createEmailLinks } from '@touchpoint/collector/email';
import { openSqliteStore } from '@touchpoint/collector/sqlite';
import { run } from './email-link.js';
import { serveConfig } from './serve.js';

const dir = mkdtempSync(join(tmpdir(), 'tp-email-cli-'));
const db = join(dir, 'email.db');
const keysFile = join(dir, 'keys.json');
const KEYS = { keys: [{ id: 'k1', secret: 'cli-secret-cli-secret-cli-secret-00' }], signWith: 'k1' };
const SITES = [{ id: 'shop', origins: ['https://shop.example'] }];
beforeAll(async () => {
  writeFileSync(keysFile, JSON.stringify(KEYS));
  await openSqliteStore(db).close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function emailLink(argv: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((m: unknown) => void out.push(String(m)));
  const error = vi.spyOn(console, 'error').mockImplementation((m: unknown) => void err.push(String(m)));
  try {
    return { code: await run(argv, env), stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
const base = ['--site', 'shop', '--campaign', 'spring', '--user', 'u-42', '--url', 'https://collect.shop.example', '--origin', 'https://shop.example', '--db', db];

describe('touchpoint-collector email-link', () => {
  it('mints the open and click URLs, which the collector serves from the same store; audit-logged without the user id', async () => {
    const r = await emailLink([...base, '--to', 'https://shop.example/sale', '--expires', '7', '--email-keys', keysFile]);
    expect(r.code, r.stderr).toBe(0);
    const [open, click] = r.stdout.split('\n').map((l) => l.split(/\s+/)[1]!) as [string, string];
    expect(open).toMatch(/^https:\/\/collect\.shop\.example\/email\/open\//);
    expect(click).toMatch(/^https:\/\/collect\.shop\.example\/email\/click\//);
    const store = openSqliteStore(db);
    try {
      const [row] = await store.query<{ ref: string; user_id: string; campaign: string; destination: string }>('SELECT ref, user_id, campaign, destination FROM email_links');
      expect(row).toMatchObject({ user_id: 'u-42', campaign: 'spring', destination: 'https://shop.example/sale' });
      expect(r.stderr).toContain(`ref ${row!.ref}`);
      const audit = await store.query<{ action: string; actor: string; detail: string }>("SELECT action, actor, detail FROM audit_log WHERE action = 'email-link.mint'");
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actor).toMatch(/^cli:/);
      expect(audit[0]!.detail).not.toContain('u-42');
      const links = createEmailLinks({ store, sites: SITES, keys: KEYS, baseUrl: 'https://collect.shop.example', now: () => Date.now() + 60_000 });
      const handler = createHandler({ sink: store, sites: SITES, routes: [links.route], log: silentLogger });
      const res = await handler(new Request(click.replace('https://collect.shop.example', 'http://c.test'), { headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36' } }));
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toMatch(/^https:\/\/shop\.example\/sale\?utm_source=email&utm_medium=email&utm_campaign=spring&tp_link=/);
      expect(await store.query("SELECT user_id FROM events WHERE name = 'email_click'")).toEqual([{ user_id: 'u-42' }]);
    } finally {
      await store.close();
    }
  });

  it('takes the keys from $TOUCHPOINT_EMAIL_KEYS and prints JSON with --format json', async () => {
    const r = await emailLink([...base, '--to', 'https://shop.example/', '--format', 'json'], { TOUCHPOINT_EMAIL_KEYS: JSON.stringify(KEYS) });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ site: 'shop', campaign: 'spring', openUrl: expect.any(String), clickUrl: expect.any(String) });
  });

  it('exits 2 with the reason and the help for usage mistakes: a missing flag, no keys, an off-site destination, a bad expiry', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[...base, '--email-keys', keysFile], /--to is required/],
      [[...base, '--to', 'https://shop.example/'], /no signing keys/],
      [[...base, '--to', 'https://evil.example/', '--email-keys', keysFile], /destination: https:\/\/evil\.example is not one of site "shop"'s origins/],
      [[...base, '--to', 'https://shop.example/', '--email-keys', keysFile, '--expires', 'soon'], /--expires must be a number of days or a date/],
      [[...base, '--to', 'https://shop.example/', '--email-keys', keysFile, '--expires', '500'], /at most 366 days/],
    ];
    for (const [argv, why] of cases) {
      const r = await emailLink(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(why);
      expect(r.stderr).toContain('Usage: touchpoint-collector email-link');
    }
    expect((await emailLink(['--help'])).stdout).toContain('Usage: touchpoint-collector email-link');
  });

  it('serve takes --email-keys with --public-url, and --identity-cookie', () => {
    const config = serveConfig(['--site', 'shop', '--origin', 'https://shop.example', '--email-keys', keysFile, '--public-url', 'https://shop.example', '--identity-cookie', '--identity-cookie-domain', 'shop.example'], {})!;
    expect(config.email).toEqual({ keys: KEYS, publicUrl: 'https://shop.example' });
    expect(config.identityCookie).toEqual({ domain: 'shop.example' });
    expect(() => serveConfig(['--site', 'shop', '--email-keys', keysFile], {})).toThrow(/--email-keys needs --public-url/);
    expect(() => serveConfig(['--site', 'shop', '--identity-cookie-domain', 'shop.example'], {})).toThrow(/goes with --identity-cookie/);
  });
});
