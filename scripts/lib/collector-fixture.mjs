// Test support of the collector (its *.fixture.ts modules, kept out of dist) for the benchmark scripts:
// compiled on demand into the package's node_modules/.cache, so its imports of the collector's
// dependencies resolve as they do for the tests.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './sh.mjs';

const PKG = join(ROOT, 'packages/collector');

/**
 * Compiles `src/<file>` of the collector with its own TypeScript settings (bare imports stay imports)
 * and imports it.
 * @example const { toStoredEvent } = await importCollectorFixture('reports/sample-events.fixture.ts');
 */
export async function importCollectorFixture(file) {
  const [{ rollup }, { default: typescript }] = await Promise.all([import('rollup'), import('@rollup/plugin-typescript')]);
  const out = join(PKG, 'node_modules/.cache/touchpoint-bench');
  const bundle = await rollup({
    input: join(PKG, 'src', file),
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    plugins: [typescript({ tsconfig: join(PKG, 'tsconfig.test.json'), include: [join(PKG, 'src/**/*.ts')], exclude: [], noEmit: false, rootDir: join(PKG, 'src'), outDir: out, declaration: false, noEmitOnError: false })],
    onwarn: () => {},
  });
  const { output } = await bundle.write({ dir: out, format: 'esm', entryFileNames: '[name].mjs' });
  await bundle.close();
  return import(pathToFileURL(join(out, output[0].fileName)).href);
}
