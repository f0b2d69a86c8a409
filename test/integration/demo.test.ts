// `npm run demo` as a new user runs it (scripts/demo.mjs on the built CLI, in its own DEMO_DIR and on free
// ports, so a developer's own demo is left alone): every URL it prints answers, the sample ads follow
// STORE_PORT, their checks have run before anyone presses "Check now", the printed `check-ads` command
// works, and `--reset` starts from an empty database while a plain restart keeps the earlier runs.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tp-demo-'));
const TOKEN = 'demo-admin-token-1234';
const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

/** Starts the demo and resolves with what it printed once it says it is running. */
async function demo(args: string[], ports: { store: number; collector: number }): Promise<{ child: ChildProcess; out: string }> {
  const child = spawn(process.execPath, ['scripts/demo.mjs', ...args], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DEMO_DIR: dir, STORE_PORT: String(ports.store), COLLECTOR_PORT: String(ports.collector) },
  });
  running.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start: ${out}`)), 30_000);
    child.stdout!.on('data', () => out.includes('Ctrl-C stops both') && (clearTimeout(timer), resolve()));
    child.once('exit', (code) => reject(new Error(`the demo exited with ${code}: ${out}`)));
  });
  return { child, out };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const checks = async (collector: number) => {
  const res = await fetch(`http://127.0.0.1:${collector}/api/check-ads?site=demo-store`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return await res.json() as { results: Array<{ adId: string; ok: boolean; problems: Array<{ code: string }> }>; history: Record<string, unknown[]> };
};

it('prints URLs that work, checks the sample ads on its own port at start, and --reset empties the database', async () => {
  const ports = { store: await freePort(), collector: await freePort() };
  const first = await demo(['--reset'], ports);
  const store = `http://127.0.0.1:${ports.store}`;
  expect(first.out).toContain(`Store (open this):   ${store}/`);
  expect(first.out).toContain(`Dashboard:           http://127.0.0.1:${ports.collector}/dashboard`);

  // Every URL printed answers; the ad landings are the catalogue's, on this port.
  const printed = [...first.out.matchAll(/https?:\/\/127\.0\.0\.1:\d+\/\S*/g)].map((m) => m[0]);
  const landings = printed.filter((u) => u.includes('utm_source='));
  expect(landings).toHaveLength(4);
  for (const url of printed.filter((u) => !u.endsWith('/v1/touchpoints'))) expect({ url, status: (await fetch(url)).status }).toEqual({ url, status: 200 });
  const ads = join(dir, 'ads.csv');
  const csv = readFileSync(ads, 'utf8');
  for (const url of landings) expect(csv).toContain(url);
  expect(csv).not.toContain('{{STORE}}');
  expect(await (await fetch(`${store}/ads.csv`)).text()).toBe(csv);

  // The sample ads page is not tagged, and links to exactly those landings.
  const page = await (await fetch(`${store}/ads.html`)).text();
  expect(page).not.toContain('touchpoint.min.js');
  const hrefs = [...page.matchAll(/href="(\/[^"]*utm_source[^"]*)"/g)].map((m) => `${store}${m[1]!.replaceAll('&#38;', '&')}`);
  expect(hrefs.sort()).toEqual([...landings].sort());

  // The checks ran at start: the checks view has them before "Check now".
  const started = await checks(ports.collector);
  expect(started.results.map((r) => [r.adId, r.ok]).sort()).toEqual([['ad-boots-1', false], ['ad-es-1', true], ['ad-jacket-fb', false], ['ad-trail-1', true]]);
  expect(started.results.find((r) => r.adId === 'ad-boots-1')!.problems.map((p) => p.code)).toContain('form_page');
  expect(first.out).toMatch(/Ad checks: 4 ads checked, 2 with problems/);

  // The check-ads command it prints works as printed.
  const command = /node packages\/cli\/dist\/cli\.js check-ads (\S+) --allow-loopback/.exec(first.out)!;
  expect(command[1]).toBe(ads);
  const rerun = spawnSync(process.execPath, ['packages/cli/dist/cli.js', 'check-ads', command[1]!, '--allow-loopback'], { cwd: ROOT, encoding: 'utf8' });
  expect(rerun.stdout).toContain('4 ads checked, 2 with problems');
  await stop(first.child);

  // A plain restart keeps the earlier runs' checks; --reset starts from an empty database.
  const again = await demo([], ports);
  expect(Object.values((await checks(ports.collector)).history).map((h) => h.length)).toEqual([2, 2, 2, 2]);
  expect(again.out).toContain('npm run demo -- --reset starts it empty');
  await stop(again.child);
  const fresh = await demo(['--reset'], ports);
  expect(fresh.out).toContain('(database reset)');
  expect(Object.values((await checks(ports.collector)).history).map((h) => h.length)).toEqual([1, 1, 1, 1]);
  await stop(fresh.child);
});

it('explains a wrong option with exit code 2', () => {
  const r = spawnSync(process.execPath, ['scripts/demo.mjs', '--rest'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DEMO_DIR: dir } });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('demo: unknown option --rest');
  expect(r.stderr).toContain('--reset');
});
