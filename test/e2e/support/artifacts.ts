// Screenshots and logs a failing e2e test leaves behind for an engineer (test/e2e/artifacts/, gitignored).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** Saves a screenshot of `page` and a text log under test/e2e/artifacts/<name>.{png,log}. */
export async function saveArtifacts(name: string, page: Page | undefined, log: string[]): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(`${ARTIFACTS}${name}.log`, log.join('\n') + '\n');
  if (page && !page.isClosed()) await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true }).catch(() => {});
}

/** Collects a page's console messages and failed requests into `log`. */
export function recordPage(page: Page, log: string[]): void {
  page.on('console', (m) => log.push(`[console.${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
  page.on('requestfailed', (r) => log.push(`[requestfailed] ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('framenavigated', (f) => f === page.mainFrame() && log.push(`[navigate] ${f.url()}`));
}
