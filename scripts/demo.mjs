// The README's demo: the collector on its embedded SQLite default plus the example store, on loopback.
// Ports: STORE_PORT (8080) and COLLECTOR_PORT (8787). Stop with Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { startStore } from '../examples/store/server.mjs';
import { ROOT } from './lib/sh.mjs';

const storePort = Number(process.env.STORE_PORT ?? 8080);
const collectorPort = Number(process.env.COLLECTOR_PORT ?? 8787);
const collectorUrl = `http://127.0.0.1:${collectorPort}`;
const site = 'demo-store';
const adminToken = process.env.TOUCHPOINT_ADMIN_TOKEN ?? "demo-admin-token-1234";
mkdirSync(join(ROOT, '.tmp'), { recursive: true });
const db = join(ROOT, '.tmp/demo.db');

const cli = join(ROOT, 'packages/cli/dist/cli.js');
// The sample ads the store's index links to, so the dashboard scores their landings against the ads' own
// text. Their landing URLs name the store on port 8080: on another STORE_PORT, a copy names that one.
let ads = join(ROOT, 'examples/store/ads.csv');
if (storePort !== 8080) {
  const moved = join(ROOT, '.tmp/demo-ads.csv');
  writeFileSync(moved, readFileSync(ads, 'utf8').replaceAll('http://127.0.0.1:8080/', `http://127.0.0.1:${storePort}/`));
  ads = moved;
}
const imported = spawnSync(process.execPath, [cli, 'import-catalogue', ads, '--site', site, '--db', db], { stdio: 'inherit' });
if (imported.status !== 0) process.exit(imported.status ?? 1);
const collector = spawn(process.execPath, [
  cli, 'serve', '--port', String(collectorPort), '--host', '127.0.0.1', '--db', db,
  '--site', site, '--origin', `http://127.0.0.1:${storePort}`, '--origin', `http://localhost:${storePort}`,
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
console.log(`
  Touchpoint demo is running
  ─────────────────────────
  Store (open this):   ${store.url}/
  Dashboard:           ${collectorUrl}/dashboard  (admin token: ${adminToken})
  Collector endpoint:  ${collectorUrl}/v1/touchpoints  (SQLite: ${db})

  Browse the store, click a sample ad link, sign up, buy, rate us; then open the dashboard.
  Check the sample ads' landing pages:
    node packages/cli/dist/cli.js check-ads ${relative(ROOT, ads)} --allow-loopback
  Ctrl-C stops both.
`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    collector.removeAllListeners('exit');
    collector.kill('SIGTERM');
    await store.close();
    collector.once('exit', () => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
