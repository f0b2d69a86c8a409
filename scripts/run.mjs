// The README's two commands land here: `npm run demo` and `npm test`. Each installs (pnpm via npx, no
// global install needed), builds, then starts the demo or runs every test.
import { spawnSync } from 'node:child_process';
import { ROOT, pnpm, run } from './lib/sh.mjs';

const task = process.argv[2];
if (task !== 'demo' && task !== 'test') {
  console.error('usage: node scripts/run.mjs demo|test');
  process.exit(2);
}

console.log('› install (pnpm 10 via npx)');
// Quiet when it works; when it fails (a native build that cannot fetch Node's headers, a registry
// error), everything pnpm printed is shown with the failing step.
pnpm(['install', '--frozen-lockfile'], { quiet: true });
console.log('› build');
run(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
// The last step's own output ends the run (the test summary must stay the last line): pass its code on quietly.
const last = spawnSync(process.execPath, [task === 'demo' ? 'scripts/demo.mjs' : 'scripts/test.mjs', ...process.argv.slice(3)], { cwd: ROOT, stdio: 'inherit' });
process.exit(last.status ?? 1);
