// The README's demo: the collector on its embedded SQLite default plus the example store, on loopback.
// Ports: STORE_PORT (8080) and COLLECTOR_PORT (8787); files in DEMO_DIR (.tmp). `--reset` starts from an
// empty database. Stop with Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { sampleAdsCsv, startStore } from '../examples/store/server.mjs';
import { ROOT } from './lib/sh.mjs';

const USAGE = `Usage: npm run demo [-- --reset]

Starts the collector (SQLite) and the demo store on loopback, imports the sample ads, checks their
landing pages and prints the URLs.

  --reset     delete the demo database first (touchpoints, checks, catalogue): start empty
  -h, --help  this help

Environment: STORE_PORT (8080), COLLECTOR_PORT (8787), DEMO_DIR (.tmp, where demo.db and ads.csv go),
TOUCHPOINT_ADMIN_TOKEN (demo-admin-token-1234).`;

const args = process.argv.slice(2);
if (args.includes('-h') || args.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
const unknown = args.filter((a) => a !== '--reset');
if (unknown.length) {
  console.error(`demo: unknown option ${unknown[0]}\n\n${USAGE}`);
  process.exit(2);
}
const reset = args.includes('--reset');

const storePort = Number(process.env.STORE_PORT ?? 8080);
const collectorPort = Number(process.env.COLLECTOR_PORT ?? 8787);
const storeUrl = `http://127.0.0.1:${storePort}`;
const collectorUrl = `http://127.0.0.1:${collectorPort}`;
const site = 'demo-store';
const adminToken = process.env.TOUCHPOINT_ADMIN_TOKEN ?? "demo-admin-token-1234";
const dir = process.env.DEMO_DIR ? (isAbsolute(process.env.DEMO_DIR) ? process.env.DEMO_DIR : join(ROOT, process.env.DEMO_DIR)) : join(ROOT, '.tmp');
mkdirSync(dir, { recursive: true });
const db = join(dir, 'demo.db');
const shown = (path) => (path.startsWith(ROOT) ? relative(ROOT, path) : path);

// A collector left running on this port (an earlier demo, another program) would answer in place of
// ours and show its own data: say so instead.
const portTaken = await new Promise((resolve) => {
  const probe = createServer().once('error', () => resolve(true)).listen(collectorPort, '127.0.0.1', () => probe.close(() => resolve(false)));
});
if (portTaken) {
  console.error(`Port ${collectorPort} is taken: stop what runs there or run with COLLECTOR_PORT=<another port>`);
  process.exit(1);
}
// Without --reset the database keeps every earlier run's touchpoints and checks (it is a file, on purpose).
if (reset) for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });

const cli = join(ROOT, 'packages/cli/dist/cli.js');
// The sample ads the ads page links to, with landing URLs on this STORE_PORT, so the dashboard scores
// their landings against the ads' own text and `check-ads` works on any port.
const ads = join(dir, 'ads.csv');
writeFileSync(ads, sampleAdsCsv(storeUrl));
const imported = spawnSync(process.execPath, [cli, 'import-catalogue', ads, '--site', site, '--db', db], { stdio: 'inherit' });
if (imported.status !== 0) process.exit(imported.status ?? 1);
const collector = spawn(process.execPath, [
  cli, 'serve', '--port', String(collectorPort), '--host', '127.0.0.1', '--db', db,
  '--site', site, '--origin', storeUrl, '--origin', `http://localhost:${storePort}`,
  '--admin-token', adminToken, '--check-allow', '127.0.0.1',
], { stdio: ['ignore', 'inherit', 'inherit'] });

collector.once('exit', (code) => {
  console.error(`collector exited (${code}); stopping the demo${code ? ' (COLLECTOR_PORT=<another port> if it was taken)' : ''}`);
  process.exit(code || 1);
});

const store = await startStore({ port: storePort, collectorUrl, site }).catch((err) => {
  console.error(err.code === 'EADDRINUSE' ? `Port ${storePort} is taken: run with STORE_PORT=<another port>` : err.message);
  collector.removeAllListeners('exit');
  collector.kill('SIGTERM');
  process.exit(1);
});

/** Waits for the collector to answer /readyz (it opens the database and migrates first). */
async function collectorReady() {
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${collectorUrl}/readyz`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the collector did not answer ${collectorUrl}/readyz within 10 s`);
}

// The ad checks run now, so the dashboard's checks are there before anyone presses "Check now".
let checked = '';
try {
  await collectorReady();
  const res = await fetch(`${collectorUrl}/api/check-ads?site=${site}`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}` } });
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
  const bad = body.results.filter((r) => !r.ok);
  checked = `${body.results.length} ads checked, ${bad.length} with problems${bad.length ? `: ${bad.map((r) => `${r.adId} (${r.problems.map((p) => p.message).join('; ')})`).join(', ')}` : ''}`;
} catch (err) {
  checked = `the start-up check failed (${err.message}); press "Check now" in the dashboard`;
}

const adLinks = sampleAdsCsv(storeUrl).trim().split(/\r?\n/).slice(1).map((line) => line.split(','));
console.log(`
  Touchpoint demo is running${reset ? ' (database reset)' : ''}
  ─────────────────────────
  Store (open this):   ${store.url}/
  Sample ads:          ${store.url}/ads.html  (not tagged: the ad you click is your visit's first page)
  Dashboard:           ${collectorUrl}/dashboard  (admin token: ${adminToken})
  Collector endpoint:  ${collectorUrl}/v1/touchpoints  (SQLite: ${shown(db)}${reset ? '' : '; npm run demo -- --reset starts it empty'})

  Ad landings (each URL is what the ad sends a visitor to):
${adLinks.map((cells) => `    ${cells[0].padEnd(13)} ${cells.at(-1)}`).join('\n')}
  Ad checks: ${checked}.
  Check them again from the terminal:
    node packages/cli/dist/cli.js check-ads ${shown(ads)} --allow-loopback
  Ctrl-C stops both.
`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    // Exit only once the collector has: a demo started right after must not find the old one on its port.
    collector.removeAllListeners('exit');
    const exited = collector.exitCode !== null || collector.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => collector.once('exit', resolve));
    collector.kill('SIGTERM');
    // The collector gives its store 15 s to close; past that it is stuck and is killed.
    const stuck = setTimeout(() => collector.kill('SIGKILL'), 20_000);
    await Promise.all([store.close(), exited]);
    clearTimeout(stuck);
    process.exit(0);
  });
}
