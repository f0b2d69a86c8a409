import { afterAll, beforeAll, expect, it } from 'vitest';
import { queuedInPage, sdkHarness, type SdkHarness } from './support/sdk-page';

let h: SdkHarness;
beforeAll(async () => (h = await sdkHarness()));
afterAll(() => h?.close());

it('sends pending touchpoints with sendBeacon as text/plain when the page is left, and resends them next visit', async () => {
  const col = h.collector;
  col.requests.length = 0;
  const ctx = await h.browser.newContext();
  const page = await ctx.newPage();
  await page.goto(h.fixture('sdk-beacon.html'));
  await page.click('#buy');
  await page.evaluate(() => (window as unknown as { touchpoint: (...a: unknown[]) => void }).touchpoint('tag', 'leaving'));
  await expect.poll(async () => (await queuedInPage(page)).length).toBe(2);
  expect(col.requests).toEqual([]); // the 10-minute interval has not elapsed
  await page.goto('about:blank'); // pagehide
  await col.waitFor((c) => c.events().length >= 2);
  const beacon = col.requests.find((r) => r.method == 'POST')!;
  expect(beacon.contentType).toMatch(/^text\/plain/);
  expect(beacon.json!.events.map((e) => [e.name, e.properties])).toEqual([['add_to_cart', { sku: 'sku-42' }], ['leaving', undefined]]);
  expect(col.requests.filter((r) => r.method == 'OPTIONS')).toEqual([]);

  // A beacon's answer is never read: the touchpoints stay queued and go again on the next visit.
  await page.goto(h.fixture('sdk-beacon.html'));
  await page.evaluate(() => (window as unknown as { touchpoint: { flush(): Promise<void> } }).touchpoint.flush());
  const sentIds = beacon.json!.events.map((e) => e.id);
  await col.waitFor((c) => sentIds.every((id) => c.events().filter((e) => e.id == id).length == 2));
  await expect.poll(async () => (await queuedInPage(page)).length).toBe(0);
  await ctx.close();
});

it('sends with the beacon when the tab is closed', async () => {
  const col = h.collector;
  col.requests.length = 0;
  const ctx = await h.browser.newContext();
  const page = await ctx.newPage();
  await page.goto(h.fixture('sdk-beacon.html'));
  await page.click('#buy');
  await page.close({ runBeforeUnload: true });
  await col.waitFor((c) => c.events().some((e) => e.name == 'add_to_cart'));
  await ctx.close();
});
