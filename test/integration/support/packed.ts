// The packages as npm would publish them: `pnpm pack` of each (workspace versions written out), installed
// with npm into a throwaway project outside the workspace — what a user gets, not what the monorepo sees.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** The publishable packages, in dependency order. */
export const PACKAGES = ['schema', 'sdk', 'collector', 'cli'] as const;
export type PackageName = (typeof PACKAGES)[number];

/** Packs every publishable package into one folder; resolves package name → tarball path. */
export function packAll(): Record<PackageName, string> {
  const out = mkdtempSync(join(tmpdir(), 'tp-packs-'));
  const tarballs = {} as Record<PackageName, string>;
  for (const name of PACKAGES) {
    const before = new Set(readdirSync(out));
    execFileSync('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', out], { cwd: join(ROOT, 'packages', name), stdio: 'pipe' });
    const file = readdirSync(out).find((f) => !before.has(f));
    if (!file) throw new Error(`pnpm pack made no tarball for ${name}`);
    tarballs[name] = join(out, file);
  }
  return tarballs;
}

/** The workspace's own built copy of a package (e.g. better-sqlite3, compiled once by the install). */
export function workspacePackageDir(name: string, from = 'packages/collector'): string {
  const require = createRequire(join(ROOT, from, 'package.json'));
  return realpathSync(join(require.resolve(`${name}/package.json`), '..'));
}

/**
 * Creates a project with `dependencies` and installs them with npm (tarballs as `file:` paths, our own
 * packages pinned to their tarballs through `overrides` so nothing is fetched for them). Throws with
 * npm's output when the install fails. `ignoreScripts` where a dependency links a workspace folder:
 * npm would run its install script there, rebuilding the workspace's native module under other tests.
 */
export function consumerProject(label: string, dependencies: Record<string, string>, overrides: Record<string, string>, options: { ignoreScripts?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `tp-consumer-${label}-`));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${label}`, private: true, type: 'module', dependencies, overrides }, null, 2));
  const flags = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...(options.ignoreScripts ? ['--ignore-scripts'] : [])];
  const r = spawnSync('npm', ['install', ...flags], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm install in ${dir} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return dir;
}

/** Runs a Node ESM script inside `dir`; returns its exit status and output. */
export function runNode(dir: string, file: string, source: string, args: string[] = []) {
  mkdirSync(join(dir, 'scripts'), { recursive: true });
  const path = join(dir, 'scripts', file);
  writeFileSync(path, source);
  return spawnSync(process.execPath, [path, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
}

/** The repository's TypeScript compiler run on a tsconfig inside `dir`; returns status and diagnostics. */
export function typecheck(dir: string, tsconfig: string) {
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  return spawnSync(process.execPath, [tsc, '-p', join(dir, tsconfig)], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
}
