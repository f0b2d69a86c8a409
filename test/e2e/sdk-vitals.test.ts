import { afterAll, beforeAll, expect, it } from 'vitest';
import { sdkHarness, type SdkHarness } from './support/sdk-page';

let h: SdkHarness;
beforeAll(async () => (h = await sdkHarness()));
afterAll(() => h?.close());

it('the vitals plugin reports LCP, CLS, FCP and TTFB for the page view', async () => {
  const col = h.collector;
  const page = await h.browser.newPage();
  await page.goto(h.fixture('sdk-vitals.html'));
  await page.waitForTimeout(800); // the late layout shift happens at 300 ms
  await page.click('h1'); // user input finalises LCP (web-vitals stops observing it at the first input)
  await page.waitForTimeout(300);
  // web-vitals reports LCP and CLS when the page is hidden: simulate the tab going to the background.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const metrics = () => col.events().filter((e) => e.name == 'web_vitals').map((e) => e.properties!.metric);
  await col.waitFor(() => ['LCP', 'CLS', 'FCP', 'TTFB'].every((m) => metrics().includes(m)), 15_000).catch((e) => { throw new Error(`metrics received: ${metrics()}: ${e.message}`); });
  const pv = col.events().find((e) => e.name == 'page_view')!;
  for (const e of col.events().filter((x) => x.name == 'web_vitals')) {
    expect(e.properties).toMatchObject({ page_view_id: pv.id, rating: expect.stringMatching(/^(good|needs-improvement|poor)$/) });
    expect(typeof e.properties!.value).toBe('number');
  }
  const cls = col.events().find((e) => e.properties?.metric == 'CLS')!;
  expect(cls.properties!.value).toBeGreaterThan(0);
  await page.close();
});
