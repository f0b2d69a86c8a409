import typescript from '@rollup/plugin-typescript';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const deps = Object.keys(pkg.dependencies ?? {});
// Dependencies and Node built-ins stay imports; only our own code is bundled.
const external = (id) => id.startsWith('node:') || builtinModules.includes(id) || deps.some((d) => id === d || id.startsWith(`${d}/`));

export default {
  input: { index: 'src/index.ts', cli: 'src/cli.ts' },
  output: { dir: 'dist', format: 'esm', chunkFileNames: 'chunks/[name]-[hash].js' },
  external,
  plugins: [typescript({ tsconfig: './tsconfig.json' })],
};
