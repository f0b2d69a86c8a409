import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeCollector, testConfig } from '../../test-helpers.js';
import { createClient } from '../client.js';
import type { Client } from '../types.js';
import { autoPageViews } from './page-view.js';

let c: Client | undefined;
beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/start');
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  c?.stop();
  vi.useRealTimers();
});

it('tags a page view on load and one per SPA navigation, never doubled', async () => {
  const col = fakeCollector();
  document.title = 'Start';
  c = createClient(testConfig(col), [autoPageViews]);
  history.pushState(null, '', '/shoes');
  document.title = 'Shoes'; // set by the app after navigating
  history.replaceState({ scroll: 1 }, '', '/shoes'); // same URL: no new view
  await vi.advanceTimersByTimeAsync(1);
  history.pushState(null, '', '/shoes?page=2#reviews');
  await vi.advanceTimersByTimeAsync(1);
  history.pushState(null, '', '/cart');
  history.replaceState(null, '', '/cart'); // push + replace of the same URL: one view
  await vi.advanceTimersByTimeAsync(1);
  history.replaceState(null, '', '/shoes');
  dispatchEvent(new PopStateEvent('popstate'));
  await vi.advanceTimersByTimeAsync(1);
  await c.flush();
  const pv = col.events();
  expect(pv.map((e) => e.name)).toEqual(Array(5).fill('page_view'));
  expect(pv.map((e) => e.page!.path)).toEqual(['/start', '/shoes', '/shoes', '/cart', '/shoes']);
  expect(pv[1]!.page!.title).toBe('Shoes');
  // query parameters outside the allow-list are stripped, so the URL recorded is the bare path
  expect(pv[2]!.page!.url).toBe(`${location.origin}/shoes`);
  expect(pv[3]!.page!.referrer).toBe(`${location.origin}/shoes`);
  expect(c.pageViewId()).toBe(pv[4]!.id);
});

it('is off with autoPageViews: false and restores history on stop', async () => {
  const col = fakeCollector();
  const push = history.pushState;
  c = createClient(testConfig(col, { autoPageViews: false }), [autoPageViews]);
  history.pushState(null, '', '/x');
  await vi.advanceTimersByTimeAsync(1);
  await c.flush();
  expect(col.names()).toEqual([]);
  c.stop();
  const d = createClient(testConfig(col), [autoPageViews]);
  expect(history.pushState).not.toBe(push);
  d.stop();
  expect(history.pushState).toBe(push);
});
