import { afterAll, beforeAll, expect, it } from 'vitest';
import { queuedInPage, sdkHarness, type SdkHarness } from './support/sdk-page';

let h: SdkHarness;
beforeAll(async () => (h = await sdkHarness()));
afterAll(() => h?.close());

it('two tabs share the queue and never send the same touchpoint twice', async () => {
  const col = h.collector;
  col.delay = 150; // slow answers: flushes of both tabs overlap in time
  const ctx = await h.browser.newContext();
  const [a, b] = await Promise.all([ctx.newPage(), ctx.newPage()]);
  await Promise.all([a.goto(h.fixture('sdk-tabs.html', { tab: 'a', count: 40 })), b.goto(h.fixture('sdk-tabs.html', { tab: 'b', count: 40 }))]);
  await col.waitFor((c) => new Set(c.events().map((e) => e.id)).size >= 80, 20_000);
  await new Promise((r) => setTimeout(r, 1000)); // anything sent twice would arrive by now
  const ids = col.events().map((e) => e.id);
  expect(ids.length).toBe(80);
  expect(new Set(ids).size).toBe(80);
  const tabs = col.events().map((e) => e.properties!.tab);
  expect(tabs.filter((t) => t == 'a')).toHaveLength(40);
  expect(tabs.filter((t) => t == 'b')).toHaveLength(40);
  expect(await queuedInPage(a)).toEqual([]);
  await ctx.close();
});
