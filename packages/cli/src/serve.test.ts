import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSites, silentLogger } from '@touchpoint/collector';
import { openSqliteStore } from '@touchpoint/collector/sqlite';
import { pageView } from '../../collector/src/handler.fixture.js';
import { run, serveConfig, startServer } from './serve.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tp-serve-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs `serve` in-process expecting a start-up failure; returns exit code and stderr. */
async function failingServe(argv: string[]) {
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((m: unknown) => void errors.push(String(m)));
  vi.spyOn(console, 'log').mockImplementation(() => {});
  const code = await run(argv);
  return { code, stderr: errors.join('\n') };
}

describe('serve start-up errors', () => {
  it('reports a port already in use in one line', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, stderr } = await failingServe(['--port', String(port), '--host', '127.0.0.1', '--db', join(tempDir(), 'a.db'), '--site', 'shop', '--origin', 'https://shop.test']);
      expect(code).toBe(1);
      expect(stderr).toBe(`touchpoint-collector serve: port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('reports a database path it cannot write', async () => {
    // A path under a regular file cannot be created by anyone, root included (a read-only directory can).
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), '');
    const { code, stderr } = await failingServe(['--port', '0', '--db', join(dir, 'file', 'x.db'), '--site', 'shop', '--origin', 'https://shop.test']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^touchpoint-collector serve: cannot open SQLite database ".*file\/x\.db": /);
  });

  it('reports every problem of a bad site config file', async () => {
    const dir = tempDir();
    const file = join(dir, 'sites.json');
    writeFileSync(file, JSON.stringify({ sites: [{ id: 'shop', origin: 'https://shop.test' }, { id: 'shop', origins: ['shop.test'] }] }));
    const { code, stderr } = await failingServe(['--port', '0', '--db', join(dir, 'a.db'), '--config', file]);
    expect(code).toBe(1);
    expect(stderr).toContain(`invalid site config "${file}"`);
    expect(stderr).toContain('sites[0]: unknown field "origin"');
    expect(stderr).toContain('sites[1].id: duplicate site "shop"');
    expect(stderr).toContain('sites[1].origins: "shop.test" is not an origin like https://shop.example');
  });

  it('reports a config file that is not JSON, or missing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.json'), '{ sites: ');
    expect((await failingServe(['--config', join(dir, 'bad.json')])).stderr).toMatch(/site config ".*bad\.json" is not valid JSON/);
    expect((await failingServe(['--config', join(dir, 'none.json')])).stderr).toMatch(/cannot read site config ".*none\.json"/);
  });

  it('exits 2 with the help for a usage mistake', async () => {
    const noSites = await failingServe(['--port', '0']);
    expect(noSites.code).toBe(2);
    expect(noSites.stderr).toContain('no sites: pass --config sites.json or --site ID --origin URL');
    expect(noSites.stderr).toContain('Usage: touchpoint-collector serve');
    expect((await failingServe(['--bogus'])).code).toBe(2);
    expect((await failingServe(['--site', 'a', '--port', '99999'])).stderr).toContain('--port must be an integer from 0 to 65535');
    expect((await failingServe(['--origin', 'https://x.test'])).stderr).toContain('--origin must follow the --site it belongs to');
  });

  it('prints the help with --help and exits 0', async () => {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m: unknown) => void out.push(String(m)));
    expect(await run(['--help'])).toBe(0);
    expect(out.join('')).toContain('--admin-token TOKEN');
  });
});

describe('serve flags', () => {
  it('builds sites from --site/--origin/--write-key in order, comma lists and repeats included', () => {
    const config = serveConfig(
      ['--site', 'shop', '--origin', 'https://shop.test,https://www.shop.test', '--origin', 'https://*.shop.test', '--write-key', 'wk1', '--site', 'blog,docs', '--origin', 'https://content.test'],
      {},
    )!;
    expect(config.sites.list()).toEqual([
      { id: 'shop', origins: ['https://shop.test', 'https://www.shop.test', 'https://*.shop.test'], writeKey: 'wk1' },
      { id: 'blog', origins: ['https://content.test'] },
      { id: 'docs', origins: ['https://content.test'] },
    ]);
    expect(config).toMatchObject({ port: 8787, host: '127.0.0.1', store: {}, ip: 'truncate', trustProxy: false, rateLimit: { perSecond: 50, burst: 200 } });
  });

  it('reads PORT and TOUCHPOINT_ADMIN_TOKEN from the environment, flags winning', () => {
    const env = { PORT: '9000', TOUCHPOINT_ADMIN_TOKEN: 'from-env-token-123456' };
    expect(serveConfig(['--site', 'a'], env)).toMatchObject({ port: 9000, adminToken: 'from-env-token-123456' });
    expect(serveConfig(['--site', 'a', '--port', '9100', '--admin-token', 'from-flag-token-123456'], env)).toMatchObject({ port: 9100, adminToken: 'from-flag-token-123456' });
    expect(serveConfig(['--site', 'a', '--rate-limit', '0', '--ip', 'drop', '--trust-proxy'], {})).toMatchObject({ rateLimit: false, ip: 'drop', trustProxy: true });
  });

  it('takes the ad checker\'s SSRF allow-list from --check-allow, repeatable and comma lists; none by default', () => {
    expect(serveConfig(['--site', 'a', '--check-allow', '127.0.0.1,10.20.0.0/16', '--check-allow', 'staging.internal'], {})?.checkAllow).toEqual(['127.0.0.1', '10.20.0.0/16', 'staging.internal']);
    expect(serveConfig(['--site', 'a'], {})?.checkAllow).toBeUndefined();
  });

  it('refuses a write key shared by a comma list of sites', () => {
    expect(() => serveConfig(['--site', 'a,b', '--write-key', 'k'], {})).toThrow('--write-key identifies one site: give it after a single --site');
  });
});

describe('startServer', () => {
  const config = (db: string) => ({
    port: 0,
    host: '127.0.0.1',
    sites: createSites([{ id: 'shop', origins: ['https://shop.test'] }, { id: 'blog', origins: ['https://blog.test'], writeKey: 'wk_blog' }]),
    store: { db },
    ip: 'truncate' as const,
    trustProxy: false,
    rateLimit: false as const,
    log: silentLogger,
  });

  it('mounts the admin routes when an admin token is given', async () => {
    const running = await startServer({ ...config(join(tempDir(), 'a.db')), adminToken: 'a-long-admin-token-123' });
    try {
      expect((await fetch(`${running.url}/api/sites`)).status).toBe(401);
      expect((await fetch(`${running.url}/api/sites`, { headers: { authorization: 'Bearer a-long-admin-token-123' } })).status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it('serves /metrics on a port of its own with --metrics-port, and not on the ingestion port', async () => {
    const parsed = serveConfig(['--site', 'shop', '--origin', 'https://shop.test', '--metrics-port', '0'], {});
    expect(parsed?.metrics).toEqual({ port: 0, host: '127.0.0.1' });
    expect(() => serveConfig(['--site', 'shop', '--metrics-host', '0.0.0.0'], {})).toThrow('--metrics-host goes with --metrics-port');
    const running = await startServer({ ...config(join(tempDir(), 'm.db')), metrics: parsed!.metrics! });
    try {
      expect((await fetch(`${running.url}/metrics`)).status).toBe(404);
      await fetch(`${running.url}/v1/touchpoints`, { method: 'POST', body: JSON.stringify({ site: 'shop', events: [{ id: '0190d6f0-0000-7000-8000-000000000001', name: 'page_view', ts: Date.now() }] }) });
      const scraped = await fetch(running.metricsUrl!);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('touchpoint_events_accepted_total{site="shop"} 1');
      expect((await fetch(running.metricsUrl!.replace('/metrics', '/healthz'))).status).toBe(200);
    } finally {
      await running.close();
    }
    await expect(fetch(running.metricsUrl!)).rejects.toThrow();
  });

  it('finishes requests in flight on shutdown and stores them; new connections are refused', async () => {
    const db = join(tempDir(), 'drain.db');
    const running = await startServer(config(db));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    // Bodies that arrive in two halves: the requests are inside the handler, reading, when close() starts.
    const slow = Array.from({ length: 20 }, () => {
      const text = JSON.stringify({ site: 'shop', events: Array.from({ length: 20 }, () => pageView()) });
      let part = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(c) {
          if (part++ === 0) return c.enqueue(new TextEncoder().encode(text.slice(0, 100)));
          await released;
          c.enqueue(new TextEncoder().encode(text.slice(100)));
          c.close();
        },
      });
      return fetch(`${running.url}/v1/touchpoints`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body, duplex: 'half' } as RequestInit);
    });
    // Wait until all 20 are connected and sending (a fixed sleep is flaky on a loaded machine).
    const connections = () => new Promise<number>((r) => running.server.getConnections((_e, n) => r(n)));
    for (let waited = 0; (await connections()) < 20 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 200));
    const closing = running.close();
    const late = await fetch(`${running.url}/healthz`).then((r) => r.status, () => 0);
    release();
    const statuses = await Promise.all(slow.map((p) => p.then(async (r) => [r.status, ((await r.json()) as { accepted: number }).accepted], (e) => [String(e.cause?.message), 0])));
    await closing;
    expect(late).toBe(0);
    expect(statuses).toEqual(Array.from({ length: 20 }, () => [200, 20]));
    const store = openSqliteStore(db);
    const rows = await store.query<{ n: number }>('SELECT COUNT(*) AS n FROM events');
    await store.close();
    expect(rows[0]!.n).toBe(400);
  });

  it('never acknowledges what it did not store when closed under a burst', async () => {
    const db = join(tempDir(), 'burst.db');
    const running = await startServer(config(db));
    const send = () =>
      fetch(`${running.url}/v1/touchpoints`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ site: 'shop', events: Array.from({ length: 20 }, () => pageView()) }) })
        .then(async (r) => ({ status: r.status, accepted: r.status === 200 ? ((await r.json()) as { accepted: number }).accepted : 0 }))
        // Refused or reset connections were never acknowledged: the SDK retries them.
        .catch(() => ({ status: 0, accepted: 0 }));
    const requests = Array.from({ length: 200 }, send);
    await Promise.race(requests);
    await running.close();
    const results = await Promise.all(requests);
    expect(results.every((r) => [0, 200, 503].includes(r.status))).toBe(true);
    const store = openSqliteStore(db);
    const rows = await store.query<{ n: number }>('SELECT COUNT(*) AS n FROM events');
    await store.close();
    expect(rows[0]!.n).toBe(results.reduce((s, r) => s + r.accepted, 0));
  });
});
