// Child processes running the built collector CLI (`packages/cli/dist/cli.js`), the way operators
// run it. `npm test` builds first; run `node scripts/build.mjs` before running these files alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../../packages/cli/dist/cli.js', import.meta.url));

/** A running CLI process with its log lines (JSON objects where they parse). */
export interface CliProcess {
  readonly child: ChildProcess;
  readonly lines: string[];
  /** resolves with the first JSON log line for which `match` is true */
  waitForLog(match: (entry: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** resolves with the match of the first output line matching `pattern` (plain text, e.g. "listening on …") */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGKILL: a crash, nothing flushed */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit; resolves with the exit code */
  stop(): Promise<number | null>;
}

/**
 * Starts `node dist/cli.js <args>`; fails clearly when the collector has not been built.
 *
 * @example
 * const loader = spawnCli(['load', '--stream', url, '--pg', pgUrl]);
 * await loader.waitForLog((e) => e.msg === 'loader started');
 */
export function spawnCli(args: string[], env: Record<string, string> = {}): CliProcess {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the collector first (node scripts/build.mjs)`);
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const lines: string[] = [];
  const waiters: Array<{ match: (e: Record<string, unknown>) => boolean; resolve: (e: Record<string, unknown>) => void }> = [];
  const lineWaiters: Array<{ pattern: RegExp; resolve: (m: RegExpMatchArray) => void }> = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let buffer = '';
  const onData = (d: Buffer) => {
    buffer += d.toString('utf8');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      lines.push(line);
      for (const w of [...lineWaiters]) {
        const m = line.match(w.pattern);
        if (m) lineWaiters.splice(lineWaiters.indexOf(w), 1), w.resolve(m);
      }
      let entry: Record<string, unknown> | undefined;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue;
      }
      for (const w of [...waiters]) if (w.match(entry)) waiters.splice(waiters.indexOf(w), 1), w.resolve(entry);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return {
    child,
    lines,
    waitForLog(match, timeoutMs = 20_000) {
      for (const line of lines) {
        try {
          const e = JSON.parse(line) as Record<string, unknown>;
          if (match(e)) return Promise.resolve(e);
        } catch {
          /* not JSON */
        }
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching log line within ${timeoutMs} ms; output:\n${lines.slice(-20).join('\n')}`)), timeoutMs);
        const done = (e: Record<string, unknown>) => (clearTimeout(timer), resolve(e));
        waiters.push({ match, resolve: done });
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`process exited (${code}) before the expected log line; output:\n${lines.slice(-20).join('\n')}`));
        });
      });
    },
    waitForLine(pattern, timeoutMs = 20_000) {
      for (const line of lines) {
        const m = line.match(pattern);
        if (m) return Promise.resolve(m);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${lines.slice(-20).join('\n')}`)), timeoutMs);
        lineWaiters.push({ pattern, resolve: (m) => (clearTimeout(timer), resolve(m)) });
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`process exited (${code}) before a line matching ${pattern}; output:\n${lines.slice(-20).join('\n')}`));
        });
      });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Polls `check` until it returns true, or fails after `timeoutMs` with `what`. */
export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000, everyMs = 100): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
