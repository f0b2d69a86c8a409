// Tiny process helpers shared by the dev scripts.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs a command with inherited stdio; exits the process with its code when it fails (unless `allowFail`).
 * `quiet`: its output is kept back and printed only when it fails, so a failure always shows why.
 */
export function run(cmd, args, { allowFail = false, cwd = ROOT, env, quiet = false } = {}) {
  const r = spawnSync(cmd, args, { stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, cwd, env: env ? { ...process.env, ...env } : process.env });
  if (r.status !== 0 && !allowFail) {
    if (quiet) process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    if (r.error) console.error(`✖ ${cmd}: ${r.error.message}`);
    console.error(`\n✖ ${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}${quiet ? ' (its output is above)' : ''}`);
    process.exit(r.status ?? 1);
  }
  return r.status ?? 1;
}

/** Runs a command and returns its trimmed stdout, or '' when it fails. */
export function capture(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

/** pnpm without a global install: npx fetches pnpm 10 from the npm registry. */
export const pnpm = (args, opts) => run('npx', ['-y', 'pnpm@10', ...args], opts);
