// One vitest run for the whole monorepo: each package is a project with its own environment.
// Lives in test/ because the repository's top level is kept to the packages and workspace files.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
// The dashboard's browser code, bundled as the collector's build does it (admin/dashboard.ts imports it).
import { dashboardPlugin } from '../packages/collector/dashboard-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = (p: string) => fileURLToPath(new URL(`../packages/${p}`, import.meta.url));

// Tests run against the TypeScript sources; the built files are exercised by test/e2e and the size tests.
// The collector's subpaths come from its package.json exports (dist/x.js → src/x.ts), most specific first.
const collectorExports = JSON.parse(readFileSync(src('collector/package.json'), 'utf8')).exports as Record<string, { import?: string }>;
const alias = {
  '@touchpoint/schema': src('schema/src/index.ts'),
  '@touchpoint/sdk/vitals': src('sdk/src/vitals.ts'),
  '@touchpoint/sdk': src('sdk/src/index.ts'),
  ...Object.fromEntries(
    Object.entries(collectorExports)
      .filter(([, e]) => e.import)
      .sort(([a], [b]) => b.length - a.length)
      .map(([subpath, e]) => [`@touchpoint/collector${subpath.slice(1)}`, src(`collector/${e.import!.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')}`)]),
  ),
};

const plugins = [dashboardPlugin()];

export default defineConfig({
  root,
  resolve: { alias },
  plugins,
  test: {
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { resolve: { alias }, test: { name: 'schema', root, environment: 'node', include: ['packages/schema/src/**/*.test.ts'] } },
      // The SDK's behaviour runs with the production builds' flag; message texts are asserted with the debug builds' (*.debug.test.ts).
      { resolve: { alias }, define: { __DEBUG__: 'false' }, test: { name: 'sdk', root, environment: 'happy-dom', include: ['packages/sdk/src/**/*.test.ts'], exclude: ['**/*.debug.test.ts'], setupFiles: ['packages/sdk/test-setup.ts'] } },
      { resolve: { alias }, define: { __DEBUG__: 'true' }, test: { name: 'sdk-debug', root, environment: 'happy-dom', include: ['packages/sdk/src/**/*.debug.test.ts'], setupFiles: ['packages/sdk/test-setup.ts'] } },
      { resolve: { alias }, plugins, test: { name: 'collector', root, environment: 'node', include: ['packages/collector/src/**/*.test.ts'], exclude: ['packages/collector/src/dashboard/**'], testTimeout: 30_000 } },
      // The dashboard's browser modules (their own DOM tsconfig), in happy-dom.
      { resolve: { alias }, test: { name: 'dashboard', root, environment: 'happy-dom', include: ['packages/collector/src/dashboard/**/*.test.ts'] } },
      { resolve: { alias }, plugins, test: { name: 'cli', root, environment: 'node', include: ['packages/cli/src/**/*.test.ts'], testTimeout: 30_000 } },
      { resolve: { alias }, plugins, test: { name: 'integration', root, environment: 'node', include: ['test/integration/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      { resolve: { alias }, plugins, test: { name: 'e2e', root, environment: 'node', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});
