// Hash-routed SPAs in real Chromium (production build touchpoint.min.js, data-hash-routes): each #/ route
// is a page view on hashchange, kept in the URL with its query stripped to the allow-list; plain anchors
// and OAuth implicit-flow fragments never leave the browser.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sdkHarness, type SdkHarness } from './support/sdk-page';

let h: SdkHarness;
beforeAll(async () => (h = await sdkHarness()));
afterAll(() => h?.close());

it('tags a page view per #/ route, keeps the route and its allowed query, drops other fragments', async () => {
  const col = h.collector;
  const page = await h.browser.newPage();
  const views = () => col.events().filter((e) => e.name == 'page_view');
  await page.goto(h.fixture('sdk-hash-routes.html'));
  await col.waitFor(() => views().length == 1);
  await page.click('#product');
  await col.waitFor(() => views().length == 2);
  await page.click('#anchor'); // back to the page itself: a view without a route
  await col.waitFor(() => views().length == 3);
  await page.click('#cart');
  await col.waitFor(() => views().length == 4);
  const base = new URL('/sdk-hash-routes.html', page.url()).href;
  expect(views().map((e) => [e.page!.path, e.page!.url])).toEqual([
    ['/sdk-hash-routes.html', base],
    ['/sdk-hash-routes.html#/products/42', `${base}#/products/42?utm_source=mail`],
    ['/sdk-hash-routes.html', base],
    ['/sdk-hash-routes.html#/cart', `${base}#/cart`],
  ]);
  expect(views()[3]!.page!.referrer).toBe(base);

  // an OAuth implicit-flow redirect: the token in the fragment is no route and is dropped
  await page.goto(`${h.fixture('sdk-hash-routes.html')}#access_token=secret-token&token_type=bearer`);
  await col.waitFor(() => views().length == 5);
  expect(views()[4]!.page!.url).toBe(base);
  expect(col.requests.map((r) => r.body).join('')).not.toMatch(/secret-token|a%40b\.c|email/);
  await page.close();
});
