import { afterAll, beforeAll, expect, it } from 'vitest';
import { sdkHarness, type SdkHarness } from './support/sdk-page';

let h: SdkHarness;
beforeAll(async () => (h = await sdkHarness()));
afterAll(() => h?.close());

it('the opt-in touchpoint-widgets.min.js tags support_open when the named chat widget opens', async () => {
  const col = h.collector;
  const page = await h.browser.newPage();
  await page.goto(h.fixture('sdk-widgets.html'));
  await page.waitForFunction(() => typeof (window as unknown as { openCrisp?: unknown }).openCrisp == 'function', undefined, { timeout: 5000 });
  expect(col.events().some((e) => e.name == 'support_open')).toBe(false);
  await page.evaluate(() => (window as unknown as { openCrisp: () => void }).openCrisp());
  await col.waitFor((c) => c.events().some((e) => e.name == 'support_open'));
  const open = col.events().find((e) => e.name == 'support_open')!;
  expect(open.properties).toEqual({ widget: 'crisp' });
  expect(open.stage).toEqual({ phase: 'after', p5: 'post' });
  await page.close();
});
