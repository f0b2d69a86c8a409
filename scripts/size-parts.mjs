// What each part of the SDK's core script-tag build costs, min+gzip: the core is rebuilt with that part
// replaced by a trivial stand-in (same exports, no behaviour) and the difference printed; then with every
// stand-in at once — the skeleton left (API and global, track, queue writer, send loop, IndexedDB through
// idb-keyval, schema, page context, localStorage wrapper) that any core build with a persistent queue carries.
// Run after `node scripts/build.mjs`:  node scripts/size.mjs --parts
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleSdk } from './lib/sdk-bundle.mjs';
import { ROOT } from './lib/sh.mjs';

const SDK = join(ROOT, 'packages/sdk');

/** Part → [what it does, the stand-in module replacing src/<part>]. */
export const STAND_INS = {
  'config.ts': ['init validation and its messages', 'export const check = () => {}; export function checkConfig() {}'],
  'queue/store.ts': ['memory fallback when IndexedDB fails', `import { createStore, promisifyRequest } from 'idb-keyval';
    export function idbStore() {
      let db; const use = (m, f) => (db ||= createStore('touchpoint', 'queue'))(m, f);
      const write = (f) => use('readwrite', (s) => (f(s), promisifyRequest(s.transaction)));
      return { keys: () => use('readonly', (s) => promisifyRequest(s.getAllKeys())), getMany: (k) => use('readonly', (s) => Promise.all(k.map((x) => promisifyRequest(s.get(x))))),
        setMany: (e) => write((s) => e.forEach(([k, v]) => s.put(v, k))), delMany: (k) => write((s) => k.forEach((x) => s.delete(x))), clear: () => write((s) => s.clear()) };
    }
    export const memoryStore = () => ({}); export const fallbackStore = (p) => p;`],
  'id.ts': ['time-ordered UUIDv7 ids (stand-in: crypto.randomUUID)', 'export const uuidv7 = () => crypto.randomUUID();'],
  'context/url-strip.ts': ['URL query stripping', 'export const ALLOWED_PARAM = /x/; export const stripUrl = (h) => h;'],
  'send/unload.ts': ['page-leave beacon and hand-over', 'export const onPageLeave = () => () => {};'],
  'send/retry.ts': ['backoff with jitter, Retry-After', 'export const backoff = () => 1000; export const retryAfter = () => undefined;'],
  'context/session.ts': ['session and anonymous ids', "export const session = () => 's'; export const anonymousId = () => 'a';"],
  'consent.ts': ['Do Not Track / GPC', "export const CONSENT_STATES = ['granted', 'denied', 'pending']; export const privacySignal = () => false;"],
  'send/batch.ts': ['batch and beacon byte limits', 'export const fit = (e) => e;'],
  'send/lock.ts': ['one flushing tab (Web Locks)', 'export const withLock = (n, f) => f().then(() => 1);'],
};

/** min+gzip bytes of the core build with the parts in `replaced` swapped for their stand-ins. */
export async function coreSize(replaced = []) {
  const [{ default: terser }, { TERSER_OPTIONS }] = await Promise.all([import('@rollup/plugin-terser'), import(join(SDK, 'terser-options.mjs'))]);
  const standIns = { name: 'stand-ins', load: (id) => replaced.map((p) => id == join(SDK, 'src', p) && STAND_INS[p][1]).find(Boolean) };
  const bundle = await bundleSdk('src/global-core.ts', [standIns]);
  const { output } = await bundle.generate({ format: 'iife', strict: false, plugins: [terser(TERSER_OPTIONS)] });
  return gzipSync(output[0].code, { level: 9 }).length;
}

/** Prints each part's cost and the skeleton's size. */
export async function printParts(budget) {
  const core = await coreSize();
  console.log(`\ncore build rebuilt here: ${core} B min+gzip (budget ${budget} B). Cost of each part (the core without it):`);
  for (const [part, [what]] of Object.entries(STAND_INS)) console.log(`  ${String(core - (await coreSize([part]))).padStart(5)} B  ${part.padEnd(22)} ${what}`);
  const skeleton = await coreSize(Object.keys(STAND_INS));
  console.log(`  skeleton, every part above replaced at once: ${skeleton} B (${skeleton > budget ? `${skeleton - budget} B over` : `${budget - skeleton} B under`} the budget)`);
}
