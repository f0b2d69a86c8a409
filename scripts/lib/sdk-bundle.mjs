// The SDK bundled from source for the size reports (scripts/size.mjs, scripts/size-parts.mjs).
import { join } from 'node:path';
import { ROOT } from './sh.mjs';

/**
 * Rollup bundle of the SDK entry `input` (relative to packages/sdk), TypeScript, node resolution and the
 * production flag as the builds use them; `plugins` go first (size-parts.mjs swaps modules with them).
 */
export async function bundleSdk(input, plugins = []) {
  const sdk = join(ROOT, 'packages/sdk');
  const [{ rollup }, { default: typescript }, { default: nodeResolve }, { debugFlag }] = await Promise.all([
    import('rollup'), import('@rollup/plugin-typescript'), import('@rollup/plugin-node-resolve'), import(join(sdk, 'debug-flag.mjs')),
  ]);
  return rollup({
    input: join(sdk, input),
    plugins: [...plugins, nodeResolve({ browser: true }), typescript({ tsconfig: join(sdk, 'tsconfig.json'), outDir: join(sdk, '.tmp-size'), declaration: false, noEmitOnError: false }), debugFlag(false)],
    onwarn: () => {},
  });
}
