// The real collector as a child process (the built CLI), so tests can kill it and bring it back on the
// same port and database — as an outage looks to a browser.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TouchpointEvent } from '@touchpoint/schema';

export const CLI = fileURLToPath(new URL('../../../packages/cli/dist/cli.js', import.meta.url));

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

/** One stored row as `export --format ndjson` prints it. */
export interface ExportedRow {
  id: string;
  name: string;
  ts: number;
  phase: string | null;
  p5: string | null;
  channel: string;
  data: TouchpointEvent;
  [column: string]: unknown;
}

/** A collector process on a fixed port and database that can be stopped and started again. */
export interface CollectorProcess {
  url: string;
  port: number;
  db: string;
  start(): Promise<void>;
  /** SIGKILL: an outage, nothing finishes */
  kill(): Promise<void>;
  /** SIGTERM: a graceful stop */
  stop(): Promise<void>;
  /** every stored touchpoint of the site, in (ts, id) order, read with the `export` command */
  stored(): ExportedRow[];
}

/**
 * Starts `touchpoint-collector serve` on a free port with its own SQLite file.
 * @example
 * const c = await collectorProcess({ site: 'e2e', origins: [storeUrl] });
 */
export async function collectorProcess(opts: { site: string; origins: string[]; port?: number; args?: string[] }): Promise<CollectorProcess> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run node scripts/build.mjs first`);
  const port = opts.port ?? (await freePort());
  const db = join(mkdtempSync(join(tmpdir(), 'tp-e2e-')), 'touchpoint.db');
  let child: ChildProcess | undefined;
  const log: string[] = [];
  const args = ['serve', '--port', String(port), '--db', db, '--site', opts.site, ...opts.origins.flatMap((o) => ['--origin', o]), '--rate-limit', '0', '--log-level', 'warn', ...(opts.args ?? [])];

  const start = async () => {
    child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => log.push(String(d)));
    child.stderr!.on('data', (d) => log.push(String(d)));
    const end = Date.now() + 15_000;
    while (Date.now() < end) {
      if (child.exitCode !== null) throw new Error(`collector exited (${child.exitCode}):\n${log.join('')}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return;
      } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`collector did not become ready on port ${port}:\n${log.join('')}`);
  };
  const exit = (signal: NodeJS.Signals) =>
    new Promise<void>((r) => {
      if (!child || child.exitCode !== null || child.signalCode) return r();
      child.once('exit', () => r());
      child.kill(signal);
    });

  await start();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    db,
    start,
    kill: () => exit('SIGKILL'),
    stop: () => exit('SIGTERM'),
    stored() {
      const r = spawnSync(process.execPath, [CLI, 'export', '--db', db, '--site', opts.site, '--format', 'ndjson'], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`export failed: ${r.stderr}`);
      // NDJSON export already writes `data` as the parsed event object.
      return r.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as ExportedRow);
    },
  };
}

/** Polls `check` until it returns true or `ms` pass; then throws with `describe()` for the log. */
export async function eventually(check: () => boolean, ms: number, describe: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${ms} ms: ${describe()}`);
}
