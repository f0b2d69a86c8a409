// Builds @touchpoint/collector module by module (dist mirrors src), so each subpath export loads only
// its own files and a driver is imported only by the module that needs it.
import typescript from '@rollup/plugin-typescript';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dashboardPlugin } from './dashboard-bundle.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
// Dependencies, optional drivers and Node built-ins stay imports; only our own code is built.
const external = (id) => id.startsWith('node:') || builtinModules.includes(id) || deps.some((d) => id === d || id.startsWith(`${d}/`));

// The dashboard's browser code (src/dashboard) is not a module of dist: dashboardPlugin bundles it into
// the one string admin/dashboard.ts serves.
// Every module a subpath export names (package.json "exports"), plus the SQLite writer thread.
const input = Object.values(pkg.exports)
  .map((e) => e.import)
  .filter(Boolean)
  .map((file) => file.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));

// The relevance lexicons are kept as JSON data (src/relevance/lexicon/*.json): built into the module that
// imports them, so dist needs no JSON import (experimental in Node 20).
const json = {
  name: 'json-data',
  transform(code, id) {
    if (!id.endsWith('.json')) return null;
    return { code: `export default ${JSON.stringify(JSON.parse(code))};`, map: { mappings: '' } };
  },
};

export default {
  input: [...input, 'src/store/sqlite-writer-thread.ts'],
  output: { dir: 'dist', format: 'esm', preserveModules: true, preserveModulesRoot: 'src' },
  external,
  plugins: [json, dashboardPlugin(), typescript({ tsconfig: './tsconfig.json' })],
};
