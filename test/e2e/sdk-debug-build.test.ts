// Smoke test of the debug build (touchpoint.debug.min.js) in real Chromium: it delivers like the production
// build (page views, hash routes), and says in full what the production build says as a code.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sdkHarness, type SdkHarness } from './support/sdk-page';

let h: SdkHarness;
beforeAll(async () => (h = await sdkHarness()));
afterAll(() => h?.close());

const consoleOf = (page: Page) => {
  const lines: string[] = [];
  // the SDK's errors and warnings, first line only (an Error logged with console.error brings its stack)
  page.on('console', (m) => (m.type() == 'error' || m.type() == 'warning') && /touchpoint/.test(m.text()) && lines.push(m.text().split('\n')[0]!));
  return lines;
};

it('delivers page views and hash routes, and logs a bad call with its whole message', async () => {
  const col = h.collector;
  const page = await h.browser.newPage();
  const lines = consoleOf(page);
  const views = () => col.events().filter((e) => e.name == 'page_view');
  await page.goto(h.fixture('sdk-hash-routes.html', { build: 'touchpoint.debug.min.js' }));
  await page.click('#product');
  await col.waitFor(() => views().length == 2);
  expect(views()[1]!.page!.path).toBe('/sdk-hash-routes.html#/products/42');
  await page.click('#bad');
  await expect.poll(() => lines).toEqual(['[touchpoint] invalid touchpoint: E10 name must match /^[a-z][a-z0-9_]{0,63}$/, got "Bad Name"']);
  await page.close();
});

it('a misconfigured script tag: the debug build explains, the production build gives the code; neither throws into the page', async () => {
  for (const [build, text] of [
    ['touchpoint.debug.min.js', 'TypeError: touchpoint: E2 endpoint must be an http(s) URL, got "ftp://collect.test"'],
    ['touchpoint.min.js', 'TypeError: touchpoint: E2 endpoint'],
  ]) {
    const page = await h.browser.newPage();
    const lines = consoleOf(page);
    const thrown: Error[] = [];
    page.on('pageerror', (e) => thrown.push(e));
    await page.goto(h.fixture('sdk-hash-routes.html', { build: build!, endpoint: 'ftp://collect.test' }));
    await expect.poll(() => lines).toEqual([text]);
    expect(thrown).toEqual([]);
    await page.close();
  }
});
