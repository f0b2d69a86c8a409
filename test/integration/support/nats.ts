// NATS JetStream for integration tests: the shared server at TOUCHPOINT_NATS_URL (fail loudly when it is
// missing, never skip), unique stream names per test file, and a private nats-server child process for
// tests that restart it (the shared one is never restarted).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as connectTcp, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, jetstreamManager } from '../../../packages/collector/src/stream/nats-client';

export const NATS_URL = process.env.TOUCHPOINT_NATS_URL ?? 'nats://127.0.0.1:4222';

/** Checks the shared server is up with JetStream, failing with a message that says how to fix it. */
export async function requireNats(url = NATS_URL): Promise<void> {
  let nc;
  try {
    nc = await connect({ servers: url, timeout: 3000 });
  } catch (err) {
    throw new Error(`NATS JetStream is required for this test and is not reachable at ${url} (set TOUCHPOINT_NATS_URL or run scripts/test.mjs, which starts nats-server -js): ${(err as Error).message}`);
  }
  try {
    await jetstreamManager(nc);
  } catch (err) {
    throw new Error(`NATS at ${url} has no JetStream (start nats-server with -js): ${(err as Error).message}`);
  } finally {
    await nc.close();
  }
}

/** A stream name and subject prefix nobody else uses. */
export function uniqueStream(label: string): { stream: string; subjectPrefix: string } {
  const tag = `${label.replace(/[^a-z0-9]/gi, '_')}_${randomBytes(4).toString('hex')}`;
  return { stream: `TP_TEST_${tag}`.toUpperCase(), subjectPrefix: `tptest.${tag}` };
}

/** Deletes a test stream (and its consumers) from the server at `url`. */
export async function deleteStream(url: string, stream: string): Promise<void> {
  const nc = await connect({ servers: url, timeout: 3000 });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => {});
  } finally {
    await nc.close();
  }
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** A private nats-server child process that a test may stop and start again (same port, same storage). */
export interface OwnNatsServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** stops it and removes its storage */
  dispose(): Promise<void>;
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connectTcp({ port, host: '127.0.0.1' });
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nats-server did not listen on 127.0.0.1:${port} within ${ms} ms`);
}

/**
 * Starts `nats-server [-js] -p <free port> -sd <tmpdir>`.
 *
 * @param options.jetstream - enable JetStream (default true; false to test the "not enabled" error)
 * @param options.config - extra nats-server config text (users, permissions), written to a file it reads
 */
export async function startOwnNatsServer(options: { jetstream?: boolean; config?: string } = {}): Promise<OwnNatsServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tp-nats-'));
  const bin = process.env.TOUCHPOINT_NATS_SERVER ?? 'nats-server';
  const config = options.config ? ['-c', join(dir, 'nats.conf')] : [];
  if (options.config) writeFileSync(join(dir, 'nats.conf'), options.config);
  const args = [...config, ...(options.jetstream === false ? [] : ['-js']), '-a', '127.0.0.1', '-p', String(port), '-sd', dir];
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += String(d)));
    const failed = new Promise<never>((_, reject) => {
      child!.once('error', (err) => reject(new Error(`cannot start ${bin} (install nats-server or set TOUCHPOINT_NATS_SERVER): ${err.message}`)));
      child!.once('exit', (code) => reject(new Error(`${bin} exited with ${code}: ${stderr.slice(-500)}`)));
    });
    await Promise.race([waitForPort(port, 10_000), failed]);
    failed.catch(() => {});
  };
  const stop = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    stop,
    start,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
