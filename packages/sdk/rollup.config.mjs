// Builds of @touchpoint/sdk: ESM for npm (with .d.ts) and minified IIFEs for script tags.
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { TERSER_OPTIONS } from './terser-options.mjs';

const min = terser(TERSER_OPTIONS);
// The loader snippet is pasted inline into pages: ES5, so even a browser the SDK skips parses it.
const es5 = terser({ ...TERSER_OPTIONS, ecma: 5, compress: { ...TERSER_OPTIONS.compress, unsafe_arrows: false } });
const ts = (declaration = false) => typescript({ tsconfig: './tsconfig.json', declaration, declarationDir: declaration ? 'dist' : undefined, outDir: 'dist' });
const iife = (input, file, minify = min) => ({
  input,
  // no "use strict" prologue: the bundle is written strict-safe and the IIFE keeps it off the page's scope
  output: { file, format: 'iife', strict: false, plugins: [minify] },
  plugins: [nodeResolve({ browser: true }), ts()],
});

export default [
  {
    // npm: schema, idb-keyval and web-vitals stay imports for the user's bundler.
    input: { index: 'src/index.ts', vitals: 'src/vitals.ts' },
    output: { dir: 'dist', format: 'esm' },
    external: ['@touchpoint/schema', 'idb-keyval', 'web-vitals'],
    plugins: [ts(true)],
  },
  iife('src/global-full.ts', 'dist/touchpoint.min.js'),
  iife('src/global-core.ts', 'dist/touchpoint.core.min.js'),
  iife('src/global-segment.ts', 'dist/touchpoint.segment.min.js'),
  iife('src/vitals-global.ts', 'dist/touchpoint-vitals.min.js'),
  iife('src/widgets-global.ts', 'dist/touchpoint-widgets.min.js'),
  iife('src/snippet-global.ts', 'dist/snippet.min.js', es5),
];
