// Size report of the SDK's script-tag builds: min+gzip per dist file, then each entry's modules by
// minified bytes (rollup's rendered length after terser), so a regression points at its module.
// `--parts` adds what each part of the core costs and the skeleton every core carries (scripts/size-parts.mjs).
// Run after `node scripts/build.mjs`:  node scripts/size.mjs [--modules] [--parts]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { bundleSdk } from './lib/sdk-bundle.mjs';
import { ROOT } from './lib/sh.mjs';

const dist = join(ROOT, 'packages/sdk/dist');
/** Budgets (bytes, min+gzip) of the production builds from issue 20; the size test enforces the same numbers. */
export const BUDGETS = {
  'touchpoint.core.min.js': 4352,
  'touchpoint.min.js': 5632,
  // the default build's budget plus 768 B for the Segment format and its e-commerce mapping
  'touchpoint.segment.min.js': 5632 + 768,
  'touchpoint-vitals.min.js': 2560,
  'touchpoint-widgets.min.js': 1024,
  'snippet.min.js': 512,
};
/** Builds measured without a budget: the debug build carries every message on purpose. */
export const UNBUDGETED = ['touchpoint.debug.min.js'];

/** min and min+gzip bytes of one dist file. */
export function sizeOf(file) {
  const buf = readFileSync(join(dist, file));
  return { min: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

async function modules(input) {
  // terser is a dependency of @rollup/plugin-terser, not of the root: resolve it from there.
  const req = createRequire(createRequire(join(ROOT, 'package.json')).resolve('@rollup/plugin-terser'));
  const { minify } = req('terser');
  const bundle = await bundleSdk(input);
  const { output } = await bundle.generate({ format: 'esm' });
  const rows = [];
  for (const [id, m] of Object.entries(output[0].modules)) {
    const code = m.code ? (await minify(m.code, { module: true, compress: false, mangle: true })).code || '' : '';
    rows.push([id.replace(ROOT, '').replace(/.*node_modules\//, ''), code.length]);
  }
  return rows.sort((a, b) => b[1] - a[1]);
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop());
if (isMain) {
  console.log('file                          min     gzip   budget');
  for (const [file, budget] of Object.entries(BUDGETS)) {
    const s = sizeOf(file);
    console.log(`${file.padEnd(28)} ${String(s.min).padStart(6)} ${String(s.gzip).padStart(7)} ${String(budget).padStart(7)} ${s.gzip <= budget ? 'ok' : `OVER by ${s.gzip - budget}`}`);
  }
  for (const file of UNBUDGETED) {
    const s = sizeOf(file);
    console.log(`${file.padEnd(28)} ${String(s.min).padStart(6)} ${String(s.gzip).padStart(7)}       — debug`);
  }
  if (process.argv.includes('--parts')) await (await import('./size-parts.mjs')).printParts(BUDGETS['touchpoint.core.min.js']);
  if (process.argv.includes('--modules')) {
    for (const entry of ['src/global-core.ts', 'src/global-full.ts', 'src/global-segment.ts', 'src/vitals-global.ts', 'src/widgets-global.ts']) {
      console.log(`\n${entry}: modules by minified bytes (before gzip, mangled locals)`);
      for (const [id, n] of await modules(entry)) if (n) console.log(`  ${String(n).padStart(6)}  ${id}`);
    }
  }
}
