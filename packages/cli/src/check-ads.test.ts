import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLandingServer } from '../../collector/src/check-ads/landing-server.fixture.js';
import { openSqliteStore } from '@touchpoint/collector/sqlite';
import { run } from './check-ads.js';

const dir = mkdtempSync(join(tmpdir(), 'tp-check-'));
let server: Awaited<ReturnType<typeof startLandingServer>>;
beforeAll(async () => {
  server = await startLandingServer();
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function capture(argv: string[]) {
  let out = '';
  let err = '';
  const w = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(console, 'error').mockImplementation((...a) => void (err += `${a.join(' ')}\n`));
  try {
    return { code: await run(argv), out, err };
  } finally {
    w.mockRestore();
    e.mockRestore();
  }
}

const catalogue = (rows: string[]) => {
  const file = join(dir, `ads-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, ['ad_id,campaign,headline,keywords,landing_url', ...rows].join('\n'));
  return file;
};

describe('touchpoint-collector check-ads', () => {
  it('lists problems worst first in plain words and exits 1', async () => {
    const file = catalogue([
      `good,trail,Zapatillas de trail impermeables,trail,${server.base}/es/zapatillas-trail?utm_source=g&gclid=1`,
      `drop,trail,Zapatillas de trail,trail,${server.base}/r/drop?utm_source=g&gclid=1`,
      `gone,trail,Zapatillas de trail,trail,${server.base}/gone`,
      `home,rebajas,Rebajas de invierno,rebajas,${server.base}/`,
    ]);
    const { code, out } = await capture([file, '--allow-loopback']);
    expect(code).toBe(1);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^ad\s+status\s+score\s+time\s+redirects\s+final URL\s+problems$/);
    expect(lines.slice(2, 6).map((l) => l.split(/\s+/)[0])).toEqual(['gone', 'home', 'drop', 'good']);
    expect(out).toContain('404 Not Found');
    expect(out).toContain('lands on the home page; off topic: relevance 0/100, the page lacks "rebajas", "invierno"');
    expect(out).toContain('redirect drops utm_source, gclid');
    expect(out).toMatch(/good\s+200\s+100\s+\d\.\d s\s+0\s+\S+\s+ok/);
    expect(out).toContain('4 ads checked, 3 with problems');
  });

  it('exits 0 when every ad is fine, prints JSON and CSV, and keeps history with --site', async () => {
    const file = catalogue([`good,trail,Zapatillas de trail,trail,${server.base}/es/zapatillas-trail`]);
    const db = join(dir, 'h.db');
    const json = await capture([file, '--allow-loopback', '--format', 'json', '--site', 'shop', '--db', db]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)[0]).toMatchObject({ adId: 'good', ok: true, status: 200 });
    const store = openSqliteStore(db);
    expect(await store.query('SELECT ad_id, ok, status FROM ad_checks WHERE site = ?', ['shop'])).toEqual([{ ad_id: 'good', ok: 1, status: 200 }]);
    await store.close();
    const csv = await capture([file, '--allow-loopback', '--format', 'csv']);
    expect(csv.out.split('\r\n')[0]).toBe('ad_id,campaign,ok,status,relevance,ttfb_ms,total_ms,bytes,landing_url,final_url,redirect_chain,dropped_params,title,h1,problems');
  });

  it('applies --min-score and --max-ms', async () => {
    const file = catalogue([`slow,trail,Zapatillas de trail,trail,${server.base}/slow`]);
    const strict = await capture([file, '--allow-loopback', '--max-ms', '200', '--format', 'json']);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.out)[0].problems.map((p: { code: string }) => p.code)).toEqual(['slow']);
    const picky = await capture([file, '--allow-loopback', '--min-score', '101']);
    expect(picky.code).toBe(2);
  });

  it('refuses loopback without the flag, and reports bad catalogue rows by line', async () => {
    const file = catalogue([`a,trail,x,x,${server.base}/es/zapatillas-trail`, 'b,trail,x,x,', 'c,trail,x,x,notaurl']);
    const { code, out, err } = await capture([file, '--format', 'json']);
    expect(code).toBe(2); // a broken catalogue outranks an ad's problem: CI tells the two apart
    expect(err).toContain('2 bad catalogue rows (listed above) were not checked');
    expect(JSON.parse(out)[0].problems[0].message).toMatch(/^refused: 127\.0\.0\.1 resolves to a private or local address/);
    expect(err).toContain(`${file}:3: landing_url: missing`);
    expect(err).toContain(`${file}:4: landing_url: not a URL: "notaurl"`);
    const clean = await capture([catalogue([`a,trail,x,x,${server.base}/es/zapatillas-trail`]), '--format', 'json']);
    expect(clean.code).toBe(1);
    expect((await capture([catalogue([])])).code).toBe(2);
  });
});
