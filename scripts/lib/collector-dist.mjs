// The built @touchpoint/collector for the benchmark scripts, which live outside its dependency tree:
// every public entry point (its package.json exports) imported from dist and merged into one object.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './sh.mjs';

const PKG = join(ROOT, 'packages/collector');

/**
 * Imports the built collector's entry points; exits with a clear line when it has not been built.
 * @example const { createHandler, openSqliteStore } = await importCollector();
 */
export async function importCollector() {
  const { exports } = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  const files = Object.values(exports).map((e) => e.import).filter(Boolean).map((f) => join(PKG, f));
  if (!files.every((f) => existsSync(f))) {
    console.error('the collector is not built: run node scripts/build.mjs first');
    process.exit(1);
  }
  return Object.assign({}, ...(await Promise.all(files.map((f) => import(pathToFileURL(f).href)))));
}
