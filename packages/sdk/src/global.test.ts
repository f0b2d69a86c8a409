import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeCollector } from './test-client.fixture.js';
import { configFromScript, installGlobal } from './global.js';
import { memoryStore } from './queue/store.js';
import { helpers } from './touchpoints/helpers.js';

type G = ((...a: unknown[]) => unknown) & Record<string, (...a: unknown[]) => unknown> & { q?: unknown[] };
const w = window as unknown as { touchpoint?: G };

beforeEach(() => {
  localStorage.clear();
  delete w.touchpoint;
  document.head.innerHTML = '';
});
afterEach(() => {
  delete w.touchpoint;
});

it('replays the calls the loader snippet queued, in order, after init', async () => {
  // The snippet as shipped in dist/snippet.min.js (entry src/snippet-global.ts).
  await import('./snippet-global.js');
  const col = fakeCollector();
  w.touchpoint!('tag', 'early_one', { n: 1 });
  w.touchpoint!('init', { endpoint: 'https://collect.test/v1/touchpoints', site: 's', store: memoryStore(), fetch: col.fetch, flushInterval: 600_000 });
  w.touchpoint!('identify', 'u1');
  w.touchpoint!('checkoutStep', 'begin');
  expect(w.touchpoint!.q).toHaveLength(4);
  installGlobal([helpers]);
  w.touchpoint!('tag', 'after_load');
  w.touchpoint!.signUp!(); // methods are also properties
  await w.touchpoint!('flush');
  expect(col.names()).toEqual(['early_one', 'identify', 'begin_checkout', 'after_load', 'sign_up']);
  expect(col.events()[2]!.userId).toBe('u1');
});

it('the core build (no helpers feature) warns on a typed helper instead of throwing, and keeps tagging', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const col = fakeCollector();
  installGlobal([]);
  w.touchpoint!('init', { endpoint: 'https://collect.test/v1/touchpoints', site: 's', store: memoryStore(), fetch: col.fetch, flushInterval: 600_000 });
  expect(() => w.touchpoint!('checkoutStep', 'begin')).not.toThrow();
  expect(warn.mock.calls[0]).toEqual(['touchpoint: E20 checkoutStep']);
  w.touchpoint!('tag', 'begin_checkout', { step: 'begin', step_number: 1 });
  await w.touchpoint!('flush');
  expect(col.names()).toEqual(['begin_checkout']);
  warn.mockRestore();
});

it('initialises from the script tag data attributes', () => {
  document.head.innerHTML = '<script data-endpoint="https://c.test/v1/touchpoints" data-site="shop" data-write-key="wk" data-consent="pending" data-cookieless data-hash-routes data-widgets="intercom, crisp"></script>';
  expect(configFromScript(document.querySelector('script'))).toEqual({
    endpoint: 'https://c.test/v1/touchpoints', site: 'shop', writeKey: 'wk', consent: 'pending', cookieless: true, hashRoutes: true, widgets: ['intercom', 'crisp'],
  });
  expect(configFromScript(document.createElement('script'))).toBeUndefined();
});

it('logs a misconfigured script tag instead of throwing into the page', () => {
  document.head.innerHTML = '<script data-endpoint="ftp://nope" data-site="shop"></script>';
  const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  expect(() => installGlobal([])).not.toThrow();
  expect(err.mock.calls[0]![0]).toEqual(new TypeError('touchpoint: E2 endpoint'));
  err.mockRestore();
});
