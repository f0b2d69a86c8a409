import { afterAll, beforeAll, expect, it } from 'vitest';
import { queuedInPage, sdkHarness, type SdkHarness } from './support/sdk-page';

let h: SdkHarness;
beforeAll(async () => (h = await sdkHarness()));
afterAll(() => h?.close());

it('keeps touchpoints in IndexedDB while the collector is down and delivers them on the next visit', async () => {
  const col = h.collector;
  col.status = 503;
  const ctx = await h.browser.newContext();
  const first = await ctx.newPage();
  await first.goto(h.fixture('sdk-persistence.html', { tag: 1 }));
  await col.waitFor((c) => c.requests.some((r) => r.method == 'POST'));
  await expect.poll(async () => (await queuedInPage(first)).map((e) => e.name)).toEqual(['page_view', 'persist_me', 'persist_me']);
  const queued = await queuedInPage(first);
  await first.close({ runBeforeUnload: true });
  expect(col.events()).toEqual([]); // everything so far was refused with 503

  col.status = 200;
  const second = await ctx.newPage();
  await second.goto(h.fixture('sdk-persistence.html'));
  const ids = queued.map((e) => e.id);
  await col.waitFor((c) => ids.every((id) => c.events().some((e) => e.id == id)));
  // acknowledged: removed from the queue (only the second page's own page view may still be in flight)
  await expect.poll(async () => (await queuedInPage(second)).filter((e) => ids.includes(e.id))).toEqual([]);
  expect(col.requests.filter((r) => r.method == 'OPTIONS')).toEqual([]); // text/plain: no CORS preflight
  await ctx.close();
});
