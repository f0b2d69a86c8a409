// What a user installs: every publishable package packed as npm would publish it and installed with npm
// into projects outside the workspace. Each public entry point imports in ESM and loads only the drivers
// it is about; a PostgreSQL-only install has no native module to compile; a consumer type-checks under
// node16 and bundler with skipLibCheck off, and a deliberate type error fails; the CLI runs out of the box.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consumerProject, packAll, runNode, typecheck, workspacePackageDir, type PackageName } from './support/packed';

let tarballs: Record<PackageName, string>;
let pgOnly: string;
let full: string;
const file = (p: string) => `file:${p}`;

// Prints the packages (by node_modules folder) that importing argv[2] loaded: ESM resolutions through a
// module hook, CommonJS ones from require's cache.
const TRACE = `
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const hook = 'data:text/javascript,' + encodeURIComponent(\`
  let port;
  export function initialize(data) { port = data.port; }
  export async function resolve(specifier, context, next) { const r = await next(specifier, context); port.postMessage(r.url); return r; }\`);
const { port1, port2 } = new MessageChannel();
const urls = [];
port1.on('message', (u) => urls.push(u));
register(hook, { data: { port: port2 }, transferList: [port2] });
let error;
try { await import(process.argv[2]); } catch (e) { error = { code: e.code, message: e.message }; }
await new Promise((r) => setTimeout(r, 100));
port1.close();
const paths = [...urls.map((u) => decodeURIComponent(u)), ...Object.keys(createRequire(import.meta.url).cache)];
const packages = new Set();
for (const p of paths) { const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/g; let x, last; while ((x = m.exec(p))) last = x[1]; if (last) packages.add(last); }
console.log(JSON.stringify({ packages: [...packages].sort(), error }));
`;

function loads(dir: string, entry: string): { packages: string[]; error?: { code: string; message: string } } {
  const r = runNode(dir, 'trace.mjs', TRACE, [entry]);
  if (r.status !== 0) throw new Error(`tracing ${entry} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

const DRIVERS = ['better-sqlite3', 'pg', '@nats-io/jetstream', '@nats-io/transport-node', '@nats-io/nats-core'];

beforeAll(() => {
  tarballs = packAll();
  const ours = { '@touchpoint/schema': file(tarballs.schema), '@touchpoint/sdk': file(tarballs.sdk), '@touchpoint/collector': file(tarballs.collector), '@touchpoint/cli': file(tarballs.cli) };
  // PostgreSQL only: the collector and pg, nothing else.
  pgOnly = consumerProject('pg', { '@touchpoint/collector': ours['@touchpoint/collector'], '@touchpoint/sdk': ours['@touchpoint/sdk'], pg: '^8.23.1', '@types/node': '^20.19.0' }, ours);
  // Everything, the CLI included; better-sqlite3 is the workspace's copy, built once by its install.
  const sqlite = file(workspacePackageDir('better-sqlite3'));
  full = consumerProject(
    'full',
    { ...ours, 'better-sqlite3': sqlite, pg: '^8.23.1', '@nats-io/jetstream': '^3.4.0', '@nats-io/transport-node': '^3.4.0', '@types/node': '^20.19.0' },
    { ...ours, 'better-sqlite3': sqlite },
    { ignoreScripts: true },
  );
}, 600_000);

describe('installed from the packed tarballs', () => {
  it('installs for PostgreSQL only without a native module: no better-sqlite3, no NATS client', () => {
    for (const driver of ['better-sqlite3', '@nats-io/transport-node', '@nats-io/jetstream']) expect(existsSync(join(pgOnly, 'node_modules', driver)), driver).toBe(false);
    expect(existsSync(join(pgOnly, 'node_modules/pg'))).toBe(true);
  });

  it('imports every public entry point in ESM, each loading only its own driver', () => {
    const expected: Record<string, string[]> = {
      '@touchpoint/collector': [],
      '@touchpoint/collector/node': [],
      '@touchpoint/collector/express': [],
      '@touchpoint/collector/fastify': [],
      '@touchpoint/collector/reports': [],
      '@touchpoint/collector/admin': [],
      '@touchpoint/collector/check-ads': [],
      '@touchpoint/collector/email': [],
      '@touchpoint/collector/sqlite': ['better-sqlite3'],
      '@touchpoint/collector/postgres': ['pg'],
      '@touchpoint/collector/stream': ['@nats-io/jetstream', '@nats-io/transport-node'],
      '@touchpoint/schema': [],
      '@touchpoint/sdk': [],
      '@touchpoint/sdk/vitals': [],
    };
    for (const [entry, drivers] of Object.entries(expected)) {
      const r = loads(full, entry);
      expect(r.error, entry).toBeUndefined();
      const loaded = r.packages.filter((p) => DRIVERS.includes(p));
      for (const d of drivers) expect(loaded, entry).toContain(d);
      expect(loaded.filter((d) => !drivers.some((want) => d === want || (want.startsWith('@nats-io/') && d.startsWith('@nats-io/')))), entry).toEqual([]);
    }
  });

  it("serves the SDK's debug build under the development condition and its script-tag files by path", () => {
    const r = runNode(full, 'sdk-paths.mjs', `
      import { existsSync } from 'node:fs';
      import { fileURLToPath } from 'node:url';
      const files = ['touchpoint.min.js', 'touchpoint.debug.min.js', 'touchpoint.core.min.js', 'touchpoint.segment.min.js', 'touchpoint-vitals.min.js', 'touchpoint-widgets.min.js', 'snippet.min.js']
        .map((f) => fileURLToPath(import.meta.resolve('@touchpoint/sdk/' + f)));
      console.log(JSON.stringify({ main: import.meta.resolve('@touchpoint/sdk'), missing: files.filter((f) => !existsSync(f)), count: files.length }));`);
    expect(JSON.parse(r.stdout)).toMatchObject({ main: expect.stringMatching(/\/dist\/index\.js$/), missing: [], count: 7 });
    const dev = spawnSync(process.execPath, ['--conditions=development', '--input-type=module', '-e', "console.log(import.meta.resolve('@touchpoint/sdk'))"], { cwd: full, encoding: 'utf8' });
    expect(dev.stdout.trim()).toMatch(/\/dist\/index\.debug\.js$/);
    expect(loads(full, '@touchpoint/sdk').error).toBeUndefined();
  });

  it('says which package to install when a driver is missing', () => {
    expect(loads(pgOnly, '@touchpoint/collector').error).toBeUndefined();
    expect(loads(pgOnly, '@touchpoint/collector/postgres').error).toBeUndefined();
    expect(loads(pgOnly, '@touchpoint/collector/sqlite').error?.message).toContain("'better-sqlite3'");
    const r = runNode(pgOnly, 'open.mjs', `
      import { openStore, openSink } from '@touchpoint/collector';
      for (const open of [() => openStore({ db: 'x.db' }), () => openSink({ stream: 'nats://127.0.0.1:1' })]) {
        try { await open(); console.log('opened'); } catch (e) { console.log(e.message); }
      }`);
    expect(r.stdout).toContain('a SQLite store needs the "better-sqlite3" package, an optional peer dependency of @touchpoint/collector: npm install better-sqlite3');
    expect(r.stdout).toContain('a JetStream stream needs the "@nats-io/jetstream" and "@nats-io/transport-node" packages, optional peer dependencies of @touchpoint/collector: npm install @nats-io/jetstream @nats-io/transport-node');
  });

  it('type-checks a consumer under node16 and bundler with skipLibCheck off; a deliberate type error fails', () => {
    writeFileSync(join(full, 'consumer.ts'), `
      import { createCollector, createHandler, type SiteConfig, type Store } from '@touchpoint/collector';
      import { toNodeListener } from '@touchpoint/collector/node';
      import { touchpointMiddleware } from '@touchpoint/collector/express';
      import { touchpointPlugin } from '@touchpoint/collector/fastify';
      import { openSqliteStore } from '@touchpoint/collector/sqlite';
      import { openPostgresStore } from '@touchpoint/collector/postgres';
      import { openStreamSink, startLoader } from '@touchpoint/collector/stream';
      import { journeyReport, renderJourney } from '@touchpoint/collector/reports';
      import { createAdminRoutes } from '@touchpoint/collector/admin';
      import { runChecks, parseCatalogue } from '@touchpoint/collector/check-ads';
      import { validateBatch, TOUCHPOINT } from '@touchpoint/schema';
      import { init, tag } from '@touchpoint/sdk';
      import { vitals } from '@touchpoint/sdk/vitals';
      const sites: SiteConfig[] = [{ id: 'shop', origins: ['https://shop.example'] }];
      export async function main(): Promise<void> {
        const store: Store = openSqliteStore(':memory:');
        const handler = createHandler({ sink: store, sites, routes: [createAdminRoutes({ store, token: 'a-long-admin-token-123' })] });
        void toNodeListener(handler); void touchpointMiddleware(handler); void touchpointPlugin(handler);
        const { close } = await createCollector({ db: ':memory:', sites });
        renderJourney(await journeyReport(store, { site: 'shop' }), 'table');
        void runChecks(parseCatalogue('ad_id,landing_url\\na,https://shop.example/').ads);
        void openPostgresStore; void openStreamSink; void startLoader; void vitals;
        validateBatch({ site: 'shop', events: [] }); void TOUCHPOINT;
        init({ endpoint: 'https://collect.example/v1/touchpoints', site: 'shop' }); tag('wishlist_add');
        await close();
      }
    `);
    writeFileSync(join(full, 'mistakes.ts'), `
      import { createCollector } from '@touchpoint/collector';
      import { init } from '@touchpoint/sdk';
      import { validateBatch } from '@touchpoint/schema';
      void createCollector(42);
      init(123);
      validateBatch();
    `);
    const base = { strict: true, skipLibCheck: false, noEmit: true, target: 'ES2022', lib: ['ES2022', 'DOM'], types: ['node'] };
    for (const [label, options] of Object.entries({ node16: { module: 'node16', moduleResolution: 'node16' }, nodenext: { module: 'nodenext', moduleResolution: 'nodenext' }, bundler: { module: 'esnext', moduleResolution: 'bundler' } })) {
      writeFileSync(join(full, `tsconfig.${label}.json`), JSON.stringify({ compilerOptions: { ...base, ...options }, files: ['consumer.ts'] }));
      const ok = typecheck(full, `tsconfig.${label}.json`);
      expect(ok.stdout + ok.stderr, label).toBe('');
      expect(ok.status, label).toBe(0);
      writeFileSync(join(full, `tsconfig.${label}-mistakes.json`), JSON.stringify({ compilerOptions: { ...base, ...options }, files: ['mistakes.ts'] }));
      const bad = typecheck(full, `tsconfig.${label}-mistakes.json`);
      expect(bad.status, label).not.toBe(0);
      // each of the three calls is refused, not let through as `any`
      expect(bad.stdout.match(/mistakes\.ts\(\d+,\d+\): error TS(2345|2554)/g), `${label}: ${bad.stdout}`).toHaveLength(3);
    }
  });

  it('runs the CLI out of the box, SQLite included', () => {
    const bin = join(full, 'node_modules/.bin/touchpoint-collector');
    const version = runNode(full, 'cli-version.mjs', `
      import { spawnSync } from 'node:child_process';
      const r = spawnSync(${JSON.stringify(bin)}, ['--version'], { encoding: 'utf8' });
      console.log(JSON.stringify({ status: r.status, out: r.stdout.trim() }));`);
    expect(JSON.parse(version.stdout)).toMatchObject({ status: 0, out: '0.1.0' });
    const served = runNode(full, 'cli-serve.mjs', `
      import { spawn } from 'node:child_process';
      const child = spawn(${JSON.stringify(bin)}, ['serve', '--port', '0', '--db', 'shop.db', '--site', 'shop', '--origin', 'https://shop.example'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      const url = await new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(out)), 20000);
        child.stdout.on('data', () => { const m = /listening on (\\S+?),/.exec(out); if (m) { clearTimeout(t); resolve(m[1]); } });
      });
      const health = await fetch(url + '/readyz');
      console.log(JSON.stringify({ status: health.status, line: out.split('\\n')[0] }));
      child.kill('SIGTERM');`);
    expect(served.status, served.stderr).toBe(0);
    expect(JSON.parse(served.stdout)).toMatchObject({ status: 200, line: expect.stringContaining('storing in SQLite shop.db') });
  });
});
