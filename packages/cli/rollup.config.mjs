// Builds the touchpoint-collector command: each command a module of its own (loaded when it runs), the
// collector and the drivers kept as imports.
import typescript from '@rollup/plugin-typescript';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const external = (id) => id.startsWith('node:') || builtinModules.includes(id) || deps.some((d) => id === d || id.startsWith(`${d}/`));

export default {
  input: 'src/cli.ts',
  output: { dir: 'dist', format: 'esm', preserveModules: true, preserveModulesRoot: 'src' },
  external,
  plugins: [typescript({ tsconfig: './tsconfig.json' })],
};
