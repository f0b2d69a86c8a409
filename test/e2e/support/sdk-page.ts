// Setup shared by the SDK's browser tests: Chromium, the fixtures + built SDK server, a capture collector.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { captureCollector, type CaptureCollector } from './capture-collector';
import { launchChromium } from './chromium';
import { FIXTURES, SDK_DIST, serveStatic, type StaticServer } from './static-server';

/** Everything an SDK browser test needs; `close()` stops it all. */
export interface SdkHarness {
  browser: Browser;
  site: StaticServer;
  collector: CaptureCollector;
  /** URL of fixture `name` wired to the capture collector, with extra query parameters */
  fixture(name: string, params?: Record<string, string | number>): string;
  close(): Promise<void>;
}

/** Starts the harness; fails clearly when the SDK has not been built. */
export async function sdkHarness(): Promise<SdkHarness> {
  if (!existsSync(join(SDK_DIST, 'touchpoint.min.js'))) throw new Error(`${SDK_DIST}/touchpoint.min.js missing: run node scripts/build.mjs first`);
  const [browser, site, collector] = await Promise.all([launchChromium(), serveStatic({ '/': FIXTURES, '/sdk/': SDK_DIST }), captureCollector()]);
  return {
    browser,
    site,
    collector,
    fixture: (name, params = {}) => `${site.url}/${name}?${new URLSearchParams({ collector: collector.endpoint, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) })}`,
    close: async () => {
      await browser.close();
      await Promise.all([site.close(), collector.close()]);
    },
  };
}

/** The touchpoints waiting in the page's IndexedDB queue (database `touchpoint`, store `queue`), oldest first. */
export function queuedInPage(page: Page): Promise<Array<{ id: string; name: string }>> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('touchpoint');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('queue')) return resolve([]);
          const all = db.transaction('queue').objectStore('queue').getAll();
          all.onsuccess = () => {
            db.close();
            resolve((all.result as Array<{ id: string; name: string }>).map(({ id, name }) => ({ id, name })));
          };
        };
      }),
  );
}
