// The built `touchpoint-collector` binary end to end: serve from a site config, ingest native and
// Segment batches, SIGTERM in the middle of a load (nothing acknowledged is lost), then export.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../packages/collector/dist/cli.js', import.meta.url));
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
    expect(output()).toMatch(new RegExp(`^touchpoint-collector listening on http://127\\.0\\.0\\.1:\\d+, storing in SQLite ${db.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}, sites: shop, seg\\n`));

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
