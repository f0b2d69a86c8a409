// Makes sure what the browser and database tests need is there: Debian's Chromium, a PostgreSQL server and
// NATS with JetStream. Uses what runs already; otherwise installs/starts it when it can, and says plainly
// what it could not. Returns the environment the tests read.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './sh.mjs';

const isRoot = process.getuid?.() === 0;
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
let aptUpdated = false;

function aptInstall(pkg) {
  if (!isRoot || !has('apt-get')) return false;
  console.log(`› apt-get install ${pkg}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  aptUpdated = true;
  return spawnSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit', env }).status === 0;
}

/** Resolves true when something accepts TCP connections on host:port. */
export function reachable(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const s = connect({ port, host });
    const done = (ok) => { s.destroy(); resolve(ok); };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

async function waitFor(port, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await reachable(port)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

export function ensureChromium(problems) {
  const path = process.env.TOUCHPOINT_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(path) || aptInstall('chromium')) return { TOUCHPOINT_CHROMIUM: path };
  problems.push(`Chromium not found at ${path} and could not be installed (apt-get install chromium, as root): browser tests will fail`);
  return {};
}

async function startThrowawayPostgres(problems) {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort() : [];
  if (!versions.length && aptInstall('postgresql')) return startThrowawayPostgres(problems);
  const bin = versions.length ? `/usr/lib/postgresql/${versions.at(-1)}/bin` : '';
  if (!bin || !existsSync(join(bin, 'initdb'))) {
    problems.push('PostgreSQL is not running on 127.0.0.1:5432 and no postgresql binaries could be installed: database tests will fail');
    return {};
  }
  const port = 54329;
  // A throwaway cluster left running by an earlier run is reused (wiping its directory under it would not).
  if (await reachable(port)) return { TOUCHPOINT_PG_URL: `postgres://postgres@127.0.0.1:${port}/test` };
  const dir = join(ROOT, '.tmp/pg');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // initdb refuses to run as root: run the throwaway cluster as the postgres (or nobody) user.
  const user = isRoot ? (spawnSync('id', ['postgres']).status === 0 ? 'postgres' : 'nobody') : '';
  if (user) spawnSync('chown', ['-R', user, dir]);
  const as = (args) => (user ? ['runuser', ['-u', user, '--', ...args]] : [args[0], args.slice(1)]);
  const [c1, a1] = as([join(bin, 'initdb'), '-D', dir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  if (spawnSync(c1, a1, { stdio: 'ignore' }).status !== 0) {
    problems.push('initdb failed for a throwaway PostgreSQL cluster: database tests will fail');
    return {};
  }
  const [c2, a2] = as([join(bin, 'postgres'), '-D', dir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off']);
  spawn(c2, a2, { stdio: 'ignore', detached: true }).unref();
  if (!(await waitFor(port, 15_000))) {
    problems.push('a throwaway PostgreSQL cluster did not start: database tests will fail');
    return {};
  }
  spawnSync(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'test'], { stdio: 'ignore' });
  console.log(`› started a throwaway PostgreSQL on 127.0.0.1:${port}`);
  return { TOUCHPOINT_PG_URL: `postgres://postgres@127.0.0.1:${port}/test` };
}

export async function ensurePostgres(problems) {
  if (process.env.TOUCHPOINT_PG_URL) return { TOUCHPOINT_PG_URL: process.env.TOUCHPOINT_PG_URL };
  if (await reachable(5432)) return { TOUCHPOINT_PG_URL: 'postgres://postgres@127.0.0.1:5432/test' };
  return startThrowawayPostgres(problems);
}

export async function ensureNats(problems) {
  // The restart test runs its own nats-server child process, whatever server the other tests use.
  const binary = process.env.TOUCHPOINT_NATS_SERVER ?? 'nats-server';
  if (!has(binary) && !aptInstall('nats-server')) problems.push(`${binary} not found and could not be installed: the nats-server restart tests will fail`);
  if (process.env.TOUCHPOINT_NATS_URL) return { TOUCHPOINT_NATS_URL: process.env.TOUCHPOINT_NATS_URL };
  if (await reachable(4222)) return { TOUCHPOINT_NATS_URL: 'nats://127.0.0.1:4222' };
  if (!has('nats-server')) {
    problems.push('NATS is not running on 127.0.0.1:4222 and nats-server could not be installed: stream tests will fail');
    return {};
  }
  const dir = join(ROOT, '.tmp/nats');
  mkdirSync(dir, { recursive: true });
  spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', '4222', '-sd', dir], { stdio: 'ignore', detached: true }).unref();
  if (!(await waitFor(4222, 10_000))) {
    problems.push('nats-server -js did not start: stream tests will fail');
    return {};
  }
  console.log('› started nats-server -js on 127.0.0.1:4222');
  return { TOUCHPOINT_NATS_URL: 'nats://127.0.0.1:4222' };
}
