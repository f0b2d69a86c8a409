// Type-checks every package, sources and tests, each with its own runtime's tsconfig.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, run } from './lib/sh.mjs';

/** Runs tsc on each project; returns { passed, failed } counted per project. */
export function typecheck() {
  const projects = ['packages/schema', 'packages/sdk', 'packages/collector', 'packages/cli', 'packages/collector/src/dashboard', 'test'];
  let failed = 0;
  for (const p of projects) {
    const cfg = existsSync(join(ROOT, p, 'tsconfig.test.json')) ? 'tsconfig.test.json' : 'tsconfig.json';
    const code = run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', join(p, cfg)], { allowFail: true });
    console.log(`${code === 0 ? '✓' : '✖'} typecheck ${p}`);
    if (code !== 0) failed++;
  }
  return { passed: projects.length - failed, failed };
}

if (process.argv[1] === new URL(import.meta.url).pathname) process.exit(typecheck().failed ? 1 : 0);
