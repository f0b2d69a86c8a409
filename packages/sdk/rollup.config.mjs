// Builds of @touchpoint/sdk: ESM for npm (with .d.ts) and minified IIFEs for script tags, each in its
// production flavour (short message codes, the checks that protect the page and the data) and, for the
// default build, a debug flavour (full messages, every configuration check): see src/messages.ts.
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { debugFlag } from './debug-flag.mjs';
import { TERSER_OPTIONS } from './terser-options.mjs';

const min = terser(TERSER_OPTIONS);
// The loader snippet is pasted inline into pages: ES5, so even a browser the SDK skips parses it.
const es5 = terser({ ...TERSER_OPTIONS, ecma: 5, compress: { ...TERSER_OPTIONS.compress, unsafe_arrows: false } });
const ts = (declaration = false) => typescript({ tsconfig: './tsconfig.json', declaration, declarationDir: declaration ? 'dist' : undefined, outDir: 'dist' });
const iife = (input, file, { minify = min, debug = false } = {}) => ({
  input,
  // no "use strict" prologue: the bundle is written strict-safe and the IIFE keeps it off the page's scope
  output: { file, format: 'iife', strict: false, plugins: [minify] },
  plugins: [nodeResolve({ browser: true }), ts(), debugFlag(debug)],
});
// npm: schema, idb-keyval and web-vitals stay imports for the user's bundler.
const external = ['@touchpoint/schema', 'idb-keyval', 'web-vitals'];

export default [
  { input: { index: 'src/index.ts', vitals: 'src/vitals.ts' }, output: { dir: 'dist', format: 'esm' }, external, plugins: [ts(true), debugFlag(false)] },
  // the `development` export condition: the same API with full messages and every check
  { input: { 'index.debug': 'src/index.ts' }, output: { dir: 'dist', format: 'esm' }, external, plugins: [ts(), debugFlag(true)] },
  iife('src/global-full.ts', 'dist/touchpoint.min.js'),
  iife('src/global-full.ts', 'dist/touchpoint.debug.min.js', { debug: true }),
  iife('src/global-core.ts', 'dist/touchpoint.core.min.js'),
  iife('src/global-segment.ts', 'dist/touchpoint.segment.min.js'),
  iife('src/vitals-global.ts', 'dist/touchpoint-vitals.min.js'),
  iife('src/widgets-global.ts', 'dist/touchpoint-widgets.min.js'),
  iife('src/snippet-global.ts', 'dist/snippet.min.js', { minify: es5 }),
];
