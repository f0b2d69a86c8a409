// The built `touchpoint-collector` binary end to end: serve from a site config, ingest native and
// Segment batches, SIGTERM in the middle of a load (nothing acknowledged is lost), then export.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../packages/cli/dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tp-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let seq = 0;
const id = () => `0190d6f0-${(Date.now() % 65536).toString(16).padStart(4, '0')}-7000-8000-${(seq++).toString(16).padStart(12, '0')}`;
const batch = (n: number) => ({ site: 'shop', sentAt: Date.now(), events: Array.from({ length: n }, () => ({ id: id(), name: 'page_view', ts: Date.now(), page: { url: 'https://shop.test/', path: '/' } })) });

function start(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first with \`node scripts/build.mjs\``);
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 15_000);
    child.stdout!.on('data', () => {
      const m = /listening on (http:\/\/\S+?),/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, output: () => out });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return exited(child).then((code) => ({ code, stdout, stderr }));
}

describe('touchpoint-collector serve (built CLI)', () => {
  it('prints one summary line, ingests, drains on SIGTERM without losing acknowledged events, then exports them', async () => {
    const db = join(dir, 'cli.db');
    const config = join(dir, 'sites.json');
    writeFileSync(config, JSON.stringify({ sites: [{ id: 'shop', origins: ['https://shop.test'] }, { id: 'seg', origins: ['*'], writeKey: 'wk_seg' }] }));
    const { child, url, output } = await start(['--port', '0', '--db', db, '--config', config, '--rate-limit', '0']);
    expect(output()).toMatch(new RegExp(`^touchpoint-collector listening on http://127\\.0\\.0\\.1:\\d+, storing in SQLite ${db.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}, sites: shop, seg, dashboard http://127\\.0\\.0\\.1:\\d+/dashboard\\n`));

    const seg = await fetch(`${url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('wk_seg:').toString('base64')}` },
      body: JSON.stringify({ batch: [{ type: 'track', event: 'Order Completed', messageId: 'seg-1', anonymousId: 'a', timestamp: new Date().toISOString() }] }),
    });
    expect(seg.status).toBe(200);

    // A steady load, with SIGTERM arriving in the middle of it.
    let acknowledged = 1;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const res = await fetch(`${url}/v1/touchpoints`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(batch(20)) }).catch(() => undefined);
        if (!res) return; // refused once the server stopped accepting: never acknowledged
        expect([200, 503]).toContain(res.status);
        if (res.status === 200) acknowledged += ((await res.json()) as { accepted: number }).accepted;
        else return;
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    await new Promise((r) => setTimeout(r, 700));
    child.kill('SIGTERM');
    const code = await exited(child);
    stop = true;
    await Promise.all(workers);
    expect(code).toBe(0);
    expect(acknowledged).toBeGreaterThan(20);

    const exported = await cli(['export', '--db', db]);
    expect(exported.code).toBe(0);
    const lines = exported.stdout.trim().split('\n').map((l) => JSON.parse(l) as { site: string; name: string });
    expect(lines).toHaveLength(acknowledged);
    expect(lines.filter((l) => l.site === 'seg').map((l) => l.name)).toEqual(['purchase']);
    expect(exported.stderr).toContain(`${acknowledged} touchpoints`);
  });

  it('fails at start with one clear line when the port is taken', async () => {
    const first = await start(['--port', '0', '--db', join(dir, 'a.db'), '--site', 'shop', '--origin', 'https://shop.test']);
    const port = new URL(first.url).port;
    const second = await cli(['serve', '--port', port, '--db', join(dir, 'b.db'), '--site', 'shop', '--origin', 'https://shop.test']);
    first.child.kill('SIGTERM');
    await exited(first.child);
    expect(second.code).toBe(1);
    expect(second.stderr.trim()).toBe(`touchpoint-collector serve: port ${port} on 127.0.0.1 is already in use`);
  });

  it('exits 0 with --help and lists the flags', async () => {
    const help = await cli(['serve', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--port', '--db', '--config', '--site', '--origin', '--write-key', '--admin-token']) expect(help.stdout).toContain(flag);
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });
});

describe('touchpoint-collector commands (built CLI)', () => {
  it('prints its version and each command\'s help through `help CMD`', async () => {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../packages/cli/package.json', import.meta.url)), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) expect(await cli([flag])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = await cli(['help', 'serve']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: touchpoint-collector serve/);
    expect((await cli(['help', 'load'])).stdout).toMatch(/^Usage: touchpoint-collector load/);
    expect((await cli(['help'])).stdout).toMatch(/import-catalogue\s+keep an ad catalogue/);
  });

  it('answers a usage error in every command with exit 2 and that command\'s help', async () => {
    for (const command of ['serve', 'export', 'report', 'check-ads', 'load', 'import-catalogue']) {
      const r = await cli([command, '--bogus']);
      expect(r.code, command).toBe(2);
      expect(r.stderr, command).toContain(`touchpoint-collector ${command}: Unknown option '--bogus'`);
      expect(r.stderr, command).toContain(`Usage: touchpoint-collector ${command}`);
    }
    const pool = await cli(['export', '--pg', 'postgres://127.0.0.1:1/x', '--pg-pool', 'lots']);
    expect(pool.code).toBe(2);
    expect(pool.stderr).toContain('--pg-pool must be a positive integer, got "lots"');
  });

  it('refuses to read a database that does not exist, and creates none', async () => {
    const missing = join(dir, 'typo.db');
    for (const args of [['export', '--db', missing], ['report', 'journey', '--db', missing]]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`--db ${missing}: no such database`);
    }
    expect(existsSync(missing)).toBe(false);
  });

  it('imports a catalogue with import-catalogue; a file with a bad row imports nothing (exit 2)', async () => {
    const db = join(dir, 'catalogue.db');
    const good = join(dir, 'good-ads.csv');
    writeFileSync(good, 'ad_id,campaign,headline,keywords\nad-trail,trail,Zapatillas de trail,montaña\n');
    const ok = await cli(['import-catalogue', good, '--db', db, '--site', 'shop']);
    expect(ok).toMatchObject({ code: 0, stderr: 'imported 1 ad into the catalogue of shop\n' });
    const bad = join(dir, 'bad-ads.csv');
    writeFileSync(bad, 'ad_id,campaign,headline,keywords\nad-road,road,Bicis de carretera,carretera\n,broken,,\n');
    const refused = await cli(['import-catalogue', bad, '--db', db, '--site', 'shop']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${bad}:3: ad_id: missing`);
    expect(refused.stderr).toContain('1 bad row (listed above); nothing imported');
    const old = await cli(['report', 'catalogue', good, '--db', db, '--site', 'shop']);
    expect(old.code).toBe(2);
    expect(old.stderr).toContain('touchpoint-collector import-catalogue FILE --site SITE');
    const ads = await cli(['report', 'ads', '--db', db, '--site', 'shop', '--format', 'json']);
    expect(ads.code).toBe(0);
  });
});
