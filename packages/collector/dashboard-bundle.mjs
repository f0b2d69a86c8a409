// Builds the dashboard's browser code (src/dashboard/*.ts, typed with its own DOM tsconfig) into one
// minified script and its stylesheet, served by the admin routes as /dashboard/app.js and app.css.
// Used by this package's rollup build and by the test runner (test/vitest.config.ts), both through the
// plugin below: `import { DASHBOARD_JS, DASHBOARD_CSS } from 'virtual:touchpoint-dashboard'`.
import terser from '@rollup/plugin-terser';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import ts from 'typescript';

const SRC = fileURLToPath(new URL('./src/dashboard/', import.meta.url));
const ID = 'virtual:touchpoint-dashboard';
const RESOLVED = '\0touchpoint-dashboard';

// Types are checked by scripts/typecheck.mjs (src/dashboard/tsconfig.json); here each module is only
// stripped of its types, which keeps the build fast and free of a second TypeScript program.
const stripTypes = {
  name: 'dashboard-ts',
  resolveId(source, importer) {
    if (importer && source.startsWith('.') && source.endsWith('.js')) return fileURLToPath(new URL(source.replace(/\.js$/, '.ts'), `file://${importer}`));
    return null;
  },
  transform(code, id) {
    if (!id.endsWith('.ts')) return null;
    const out = ts.transpileModule(code, { fileName: id, compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext, isolatedModules: true } });
    return { code: out.outputText, map: { mappings: '' } };
  },
};

/** The dashboard's script (one IIFE, minified) and stylesheet. */
export async function bundleDashboard() {
  const bundle = await rollup({ input: `${SRC}main.ts`, plugins: [stripTypes], onwarn: (w) => { throw new Error(`dashboard bundle: ${w.message}`); } });
  try {
    const { output } = await bundle.generate({ format: 'iife', plugins: [terser({ ecma: 2020, format: { comments: false } })] });
    return { js: output[0].code, css: readFileSync(`${SRC}style.css`, 'utf8'), files: bundle.watchFiles };
  } finally {
    await bundle.close();
  }
}

/** A rollup (and vite) plugin that provides `virtual:touchpoint-dashboard`. */
export function dashboardPlugin() {
  return {
    name: 'touchpoint-dashboard',
    resolveId: (source) => (source === ID ? RESOLVED : null),
    async load(id) {
      if (id !== RESOLVED) return null;
      const { js, css, files } = await bundleDashboard();
      for (const f of [...files, `${SRC}style.css`]) this.addWatchFile?.(f);
      return `export const DASHBOARD_JS = ${JSON.stringify(js)};\nexport const DASHBOARD_CSS = ${JSON.stringify(css)};\n`;
    },
  };
}
