// Builds every package in dependency order with rollup: schema → sdk → collector → cli.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, run } from './lib/sh.mjs';

for (const pkg of ['schema', 'sdk', 'collector', 'cli']) {
  const dir = join(ROOT, 'packages', pkg);
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  console.log(`› build @touchpoint/${pkg}`);
  run(join(ROOT, 'node_modules/.bin/rollup'), ['-c', '--silent'], { cwd: dir });
}
