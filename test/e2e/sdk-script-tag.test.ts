import { afterAll, beforeAll, expect, it } from 'vitest';
import { sdkHarness, type SdkHarness } from './support/sdk-page';

let h: SdkHarness;
beforeAll(async () => (h = await sdkHarness()));
afterAll(() => h?.close());

it('initialises from data attributes, replays early calls, and tags a sign-up only on a valid submit', async () => {
  const col = h.collector;
  const page = await h.browser.newPage();
  await page.goto(h.fixture('sdk-script-tag.html', { utm_source: 'google', utm_campaign: 'spring', email: 'leak@example.com' }));
  await col.waitFor((c) => c.events().some((e) => e.name == 'early_call'));
  await page.click('#submit'); // empty required fields: the browser blocks the submit
  await page.waitForTimeout(300);
  expect(col.events().some((e) => e.name == 'sign_up')).toBe(false);
  await page.fill('#email', 'new@example.com');
  await page.fill('input[type=password]', 'secret-123');
  await Promise.all([page.waitForURL(/sdk-script-tag-done/), page.click('#submit')]);
  await col.waitFor((c) => c.events().some((e) => e.name == 'sign_up'));
  const byName = Object.fromEntries(col.events().map((e) => [e.name, e]));
  expect(Object.keys(byName).sort()).toEqual(['ad_landing', 'early_call', 'page_view', 'sign_up']);
  expect(byName.ad_landing!.properties).toMatchObject({ is_form: true, h1: 'Create your account', lang: 'en' });
  expect(byName.sign_up!.properties).toEqual({ method: 'email' });
  expect(byName.sign_up!.attribution!.first).toMatchObject({ source: 'google', campaign: 'spring' });
  expect(byName.page_view!.page!.url).not.toMatch(/email|leak/); // stripped
  for (const e of col.events()) expect(e.anonymousId).toBe(byName.page_view!.anonymousId);
  await page.close();
});

it('the Segment variant sends Segment HTTP batches from data-format="segment"; the default build refuses the format', async () => {
  const col = h.collector;
  const page = await h.browser.newPage();
  await page.goto(h.fixture('sdk-segment.html', { utm_source: 'news', utm_campaign: 'spring' }));
  await page.click('#signup');
  const segment = () => col.requests.filter((r) => r.path == '/v1/touchpoints' && (r.json as unknown as { writeKey?: string })?.writeKey == 'seg_wk');
  await col.waitFor(() => segment().flatMap((r) => (r.json as unknown as { batch: unknown[] }).batch).length >= 3);
  const messages = segment().flatMap((r) => (r.json as unknown as { batch: Array<Record<string, unknown>> }).batch);
  expect(messages.map((m) => [m.type, m.event])).toEqual([['track', 'Ad Landing'], ['page', undefined], ['track', 'Signed Up']]);
  expect(messages[0]).toMatchObject({ context: { campaign: { source: 'news', name: 'spring' } } });
  expect(messages[1]).toMatchObject({ name: 'Segment variant fixture', context: { page: { path: '/sdk-segment.html' } } });
  await page.close();

  const plain = await h.browser.newPage();
  const refused = plain.waitForEvent('console', { predicate: (m) => m.type() == 'error', timeout: 10_000 });
  await plain.goto(h.fixture('sdk-segment.html', { build: 'touchpoint.min.js' }));
  expect((await refused).text().split('\n')[0]).toBe('TypeError: touchpoint: E9 format'); // then its stack
  await plain.close();
});
