// The SDK bundled from source for the size reports (scripts/size.mjs, scripts/size-parts.mjs).
import { join } from 'node:path';
import { ROOT } from './sh.mjs';

/**
 * Rollup bundle of the SDK entry `input` (relative to packages/sdk), TypeScript and node resolution as
 * the builds use them; `plugins` go first (size-parts.mjs swaps modules with them).
 */
export async function bundleSdk(input, plugins = []) {
  const [{ rollup }, { default: typescript }, { default: nodeResolve }] = await Promise.all([
    import('rollup'), import('@rollup/plugin-typescript'), import('@rollup/plugin-node-resolve'),
  ]);
  const sdk = join(ROOT, 'packages/sdk');
  return rollup({
    input: join(sdk, input),
    plugins: [...plugins, nodeResolve({ browser: true }), typescript({ tsconfig: join(sdk, 'tsconfig.json'), outDir: join(sdk, '.tmp-size'), declaration: false, noEmitOnError: false })],
    onwarn: () => {},
  });
}
