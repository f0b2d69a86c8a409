import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeCollector, testConfig } from '../test-client.fixture.js';
import { createClient } from '../client.js';
import type { Client } from '../types.js';
import { autoAdLanding } from './ad-landing-auto.js';
import { emailLink } from './email-link.js';
import { autoPageViews } from './page-view.js';

let c: Client | undefined;
beforeEach(() => {
  localStorage.clear();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  c?.stop();
  vi.useRealTimers();
});

it('takes tp_link out of the address bar before the page view (one view) and sends it once, with the first touchpoint', async () => {
  history.replaceState({ keep: 1 }, '', '/p/1?utm_source=email&utm_medium=email&utm_campaign=spring&tp_link=abc.def#top');
  const col = fakeCollector();
  c = createClient(testConfig(col), [emailLink, autoAdLanding, autoPageViews]);
  expect(location.pathname + location.search + location.hash).toBe('/p/1?utm_source=email&utm_medium=email&utm_campaign=spring#top');
  expect(history.state).toEqual({ keep: 1 });
  await vi.advanceTimersByTimeAsync(1);
  c.tag('later');
  await c.flush();
  const events = col.events();
  expect(events.map((e) => e.name)).toEqual(['ad_landing', 'page_view', 'later']);
  expect(events.map((e) => e.link)).toEqual(['abc.def', undefined, undefined]);
  for (const e of events) expect(e.page!.url).not.toContain('tp_link');
});

it('does nothing on a page without tp_link', async () => {
  history.replaceState(null, '', '/plain?x=1');
  const col = fakeCollector();
  c = createClient(testConfig(col), [emailLink, autoPageViews]);
  expect(location.search).toBe('?x=1');
  await c.flush();
  expect(col.events().map((e) => [e.name, e.link])).toEqual([['page_view', undefined]]);
});

it("sends fetch requests with the configured credentials (the identity cookie on a collector subdomain)", async () => {
  const col = fakeCollector();
  c = createClient(testConfig(col, { credentials: 'include' }));
  c.tag('x');
  await c.flush();
  expect(col.requests[0]!.init.credentials).toBe('include');
  const plain = fakeCollector();
  const d = createClient(testConfig(plain));
  d.tag('x');
  await d.flush();
  expect(plain.requests[0]!.init.credentials).toBeUndefined();
  d.stop();
});
