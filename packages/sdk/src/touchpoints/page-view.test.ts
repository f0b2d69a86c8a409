import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeCollector, testConfig } from '../test-client.fixture.js';
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

// happy-dom fires hashchange for a hash set by script, after a task, as browsers do
const navigate = (hash: string) =>
  new Promise((resolve) => {
    addEventListener('hashchange', resolve, { once: true });
    location.hash = hash;
    void vi.advanceTimersByTimeAsync(1);
  });

it('with hashRoutes, tags a page view per #/ route on hashchange, keeping the route and its allowed query', async () => {
  const col = fakeCollector();
  c = createClient(testConfig(col, { hashRoutes: true }), [autoPageViews]);
  await navigate('#/products/42?tab=reviews&utm_source=mail');
  await navigate('#reviews'); // an in-page anchor, no route: back on the page itself
  await navigate('#/cart');
  dispatchEvent(new HashChangeEvent('hashchange')); // the same route again: no view
  await c.flush();
  const pv = col.events();
  expect(pv.map((e) => [e.page!.path, e.page!.url])).toEqual([
    ['/start', `${location.origin}/start`],
    ['/start#/products/42', `${location.origin}/start#/products/42?utm_source=mail`],
    ['/start', `${location.origin}/start`],
    ['/start#/cart', `${location.origin}/start#/cart`],
  ]);
  expect(pv[3]!.page!.referrer).toBe(`${location.origin}/start`);
});

it('without hashRoutes, hash changes are no page views and fragments are dropped', async () => {
  const col = fakeCollector();
  c = createClient(testConfig(col), [autoPageViews]);
  await navigate('#/products/42');
  await c.flush();
  expect(col.events().map((e) => e.page!.url)).toEqual([`${location.origin}/start`]);
});
