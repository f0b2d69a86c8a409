import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_STAGES } from '@touchpoint/schema';
import { fakeCollector, testConfig } from './test-client.fixture.js';
import { createClient } from './client.js';
import { idbStore, memoryStore } from './queue/store.js';
import type { Client, QueueStore, TouchpointError } from './types.js';

let clients: Client[] = [];
const make = (...a: Parameters<typeof createClient>) => {
  const c = createClient(...a);
  clients.push(c);
  return c;
};
type Beacon = { sendBeacon?: (url: string, body: string) => boolean };
beforeEach(() => {
  localStorage.clear();
  // happy-dom's own sendBeacon really sends (to https://collect.test, unresolvable: an unhandled rejection
  // inside happy-dom): refused here, so a page-leave beacon falls back to the test's fake fetch.
  (navigator as Beacon).sendBeacon = () => false;
});
afterEach(() => {
  delete (navigator as Beacon).sendBeacon;
  clients.forEach((c) => c.stop());
  clients = [];
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('init', () => {
  it('throws a TypeError with a short code when the page or the data would be at risk: config, endpoint, site', () => {
    const col = fakeCollector();
    expect(() => createClient({ ...testConfig(col), endpoint: 'ftp://x' })).toThrow(new TypeError('touchpoint: E2 endpoint'));
    expect(() => createClient({ ...testConfig(col), endpoint: 42 as never })).toThrow('touchpoint: E2 endpoint');
    expect(() => createClient({ ...testConfig(col), site: '' })).toThrow('touchpoint: E3 site');
    expect(() => createClient({ ...testConfig(col), site: 'x'.repeat(129) })).toThrow('touchpoint: E3 site');
    expect(() => createClient(undefined as never)).toThrow('touchpoint: E1 config');
  });

  it('leaves the other setting checks to the debug build: production neither throws nor breaks on them', async () => {
    const col = fakeCollector();
    const c = make({ ...testConfig(col), consent: 'maybe' as never, format: 'xml' as never, stages: { wish: { phase: 'x' } as never }, onError: 'no' as never });
    c.tag('held'); // an unknown consent state sends nothing until consent is given
    await c.flush();
    expect(col.names()).toEqual([]);
    c.consent('granted');
    c.tag('Bad Name'); // reported to an onError that is no function: swallowed
    await c.flush();
    expect(col.names()).toEqual(['held']);
    expect(col.bodies[0]!.site).toBe('test-site'); // native format
  });
});

describe('envelope', () => {
  it('sends a TouchpointBatch with ids, times, session, page, stage and sdk', async () => {
    const col = fakeCollector();
    const c = make(testConfig(col, { writeKey: 'wk' }));
    history.replaceState(null, '', '/shoes?utm_source=google&email=a@b.c#token');
    c.tag('page_view');
    c.tag('wishlist_add', { sku: 'x', nothing: undefined as never });
    await c.flush();
    expect(col.bodies).toHaveLength(1);
    const b = col.bodies[0]!;
    expect(b.site).toBe('test-site');
    expect(b.writeKey).toBe('wk');
    expect(typeof b.sentAt).toBe('number');
    const [pv, wish] = b.events;
    expect(pv!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(pv!.id < wish!.id).toBe(true);
    expect(pv!.anonymousId).toBe(wish!.anonymousId);
    expect(pv!.sessionId).toBe(wish!.sessionId);
    expect(pv!.page).toMatchObject({ path: '/shoes' });
    expect(pv!.page!.url).toMatch(/\/shoes\?utm_source=google$/);
    expect(pv!.stage).toEqual(DEFAULT_STAGES.page_view);
    expect(wish!.stage).toBeUndefined();
    expect(wish!.properties).toEqual({ sku: 'x' });
    expect(pv!.sdk).toEqual({ name: '@touchpoint/sdk', version: '0.1.0' });
    expect(col.requests[0]!.init.headers).toMatchObject({ 'content-type': 'text/plain' });
  });

  it('applies per-site stage overrides, including custom names', async () => {
    const col = fakeCollector();
    const c = make(testConfig(col, { stages: { wishlist_add: { phase: 'before', p5: 'pivotal' }, page_view: { phase: 'after', p5: 'post' } } }));
    c.tag('wishlist_add');
    c.pageView();
    await c.flush();
    expect(col.events().map((e) => e.stage)).toEqual([{ phase: 'before', p5: 'pivotal' }, { phase: 'after', p5: 'post' }]);
  });

  it('starts a new session after 30 minutes without touchpoints', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const col = fakeCollector();
    const c = make(testConfig(col));
    c.tag('a');
    vi.setSystemTime(Date.now() + 29 * 60_000);
    c.tag('b');
    vi.setSystemTime(Date.now() + 31 * 60_000);
    c.tag('c');
    await c.flush();
    const [a, b, cc] = col.events();
    expect(a!.sessionId).toBe(b!.sessionId);
    expect(cc!.sessionId).not.toBe(b!.sessionId);
  });

  it('reports invalid names and drops them, counting the drop in the next batch', async () => {
    const col = fakeCollector();
    const errors: TouchpointError[] = [];
    const c = make(testConfig(col, { onError: (e) => errors.push(e) }));
    c.tag('Bad Name');
    c.tag('good');
    await c.flush();
    expect(errors[0]).toEqual({ code: 'invalid', message: 'touchpoint: E10 name', count: 1 });
    expect(col.names()).toEqual(['good']);
    expect(col.bodies[0]!.dropped).toEqual({ invalid: 1 });
  });

  it('never throws into the page, even when onError itself throws', () => {
    const c = make(testConfig(fakeCollector(), { onError: () => { throw new Error('boom'); } }));
    expect(() => c.tag(42 as never)).not.toThrow();
    expect(() => c.feedback({ score: 11, scale: 'nps' })).not.toThrow();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => c.tag('x', cyclic as never)).not.toThrow();
  });
});

describe('persistence', () => {
  it('delivers after a reload what the previous page queued in IndexedDB', async () => {
    const store = idbStore();
    await store.clear();
    const down = fakeCollector(503);
    const first = make(testConfig(down, { store }));
    first.tag('before_reload', { n: 1 });
    await first.flush();
    first.stop();
    expect(down.bodies).toHaveLength(1); // tried once, refused with 503: still queued
    const up = fakeCollector();
    // A new page: a new client on the same database, sharing nothing in memory with the first.
    const second = make(testConfig(up, { store: idbStore() }));
    await second.flush();
    expect(up.names()).toEqual(['before_reload']);
    expect(up.events()[0]!.id).toBe(down.events()[0]!.id);
    expect(await idbStore().keys()).toEqual([]);
  });

  it('falls back to memory when IndexedDB fails, reports why, and loses nothing', async () => {
    const broken: QueueStore = {
      keys: () => Promise.reject(new Error('QuotaExceededError')),
      getMany: () => Promise.reject(new Error('QuotaExceededError')),
      setMany: () => Promise.reject(new Error('QuotaExceededError')),
      delMany: () => Promise.reject(new Error('QuotaExceededError')),
      clear: () => Promise.reject(new Error('QuotaExceededError')),
    };
    const col = fakeCollector();
    const errors: TouchpointError[] = [];
    const c = make(testConfig(col, { store: broken, onError: (e) => errors.push(e) }));
    c.tag('one');
    c.tag('two');
    await c.flush();
    expect(col.names()).toEqual(['one', 'two']);
    expect(errors).toEqual([expect.objectContaining({ code: 'storage', message: 'touchpoint: E30 queue' })]);
  });

  it('uses memory when IndexedDB is missing', async () => {
    const idb = globalThis.indexedDB;
    vi.stubGlobal('indexedDB', undefined);
    const errors: TouchpointError[] = [];
    const col = fakeCollector();
    const c = make({ ...testConfig(col), store: undefined, onError: (e) => errors.push(e) });
    c.tag('x');
    await c.flush();
    vi.stubGlobal('indexedDB', idb);
    expect(col.names()).toEqual(['x']);
    expect(errors[0]).toMatchObject({ code: 'storage', message: 'touchpoint: E30 queue' });
  });

  it('hands touchpoints whose IndexedDB write never finished to the next page through localStorage on leave', async () => {
    // A store whose writes never complete: the document went away with the transaction in flight.
    const stuck: QueueStore = { ...memoryStore(), setMany: () => new Promise<void>(() => {}) };
    const down = fakeCollector(503);
    const first = make(testConfig(down, { store: stuck }));
    first.tag('left_in_flight', { n: 1 });
    dispatchEvent(new Event('pagehide')); // the reload: the beacon goes to a collector that is down
    first.stop();
    const up = fakeCollector();
    const store = memoryStore();
    const second = make(testConfig(up, { store }));
    await second.flush();
    expect(up.names()).toEqual(['left_in_flight']);
    expect(localStorage.getItem('tp:spill')).toBeNull();
    expect(await store.keys()).toEqual([]);
  });

  it('keeps no handed-over touchpoints once consent is denied', async () => {
    const stuck: QueueStore = { ...memoryStore(), setMany: () => new Promise<void>(() => {}) };
    const first = make(testConfig(fakeCollector(503), { store: stuck }));
    first.tag('private');
    dispatchEvent(new Event('pagehide'));
    first.consent('denied');
    first.stop();
    expect(localStorage.getItem('tp:spill')).toBeNull();
  });

  it('writes a burst of tags in one transaction', async () => {
    const store = memoryStore();
    const setMany = vi.spyOn(store, 'setMany');
    const c = make(testConfig(fakeCollector(), { store }));
    for (let i = 0; i < 20; i++) c.tag('burst');
    await c.flush();
    expect(setMany).toHaveBeenCalledTimes(1);
    expect(setMany.mock.calls[0]![0]).toHaveLength(20);
  });
});

describe('delivery', () => {
  it('flushes when a batch is full by count, and splits batches by bytes', async () => {
    const col = fakeCollector();
    const c = make(testConfig(col, { batchSize: 3 }));
    c.tag('a');
    c.tag('b');
    expect(col.calls).not.toHaveBeenCalled();
    c.tag('c');
    await vi.waitFor(() => expect(col.names()).toEqual(['a', 'b', 'c']));
    const col2 = fakeCollector();
    const c2 = make(testConfig(col2, { batchBytes: 2000 }));
    for (let i = 0; i < 6; i++) c2.tag('big', { pad: 'x'.repeat(500) });
    await c2.flush();
    expect(col2.bodies.length).toBeGreaterThan(1);
    expect(col2.events()).toHaveLength(6);
    for (const b of col2.bodies) expect(JSON.stringify(b).length).toBeLessThanOrEqual(2000);
  });

  it('flushes on the interval', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const col = fakeCollector();
    const c = make(testConfig(col, { flushInterval: 1000 }));
    c.tag('a');
    await vi.advanceTimersByTimeAsync(999);
    expect(col.calls).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2);
    await vi.waitFor(() => expect(col.names()).toEqual(['a']));
  });

  for (const status of [0, 500, 503, 408, 429]) {
    it(`retries ${status || 'network errors'} with backoff until acknowledged`, async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      vi.spyOn(Math, 'random').mockReturnValue(0.999);
      const col = fakeCollector(status, status);
      const c = make(testConfig(col));
      c.tag('a');
      await c.flush();
      expect(col.calls).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(498);
      expect(col.calls).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(2); // first delay: 0.999·500 ms
      expect(col.calls).toHaveBeenCalledTimes(2);
      await vi.advanceTimersByTimeAsync(1000); // then 0.999·1000 ms
      await vi.waitFor(() => expect(col.calls).toHaveBeenCalledTimes(3));
      expect(col.bodies.map((b) => b.events[0]!.id)).toEqual(Array(3).fill(col.bodies[0]!.events[0]!.id));
      c.tag('b');
      await c.flush();
      expect(col.bodies[3]!.events.map((e) => e.name)).toEqual(['b']); // 'a' was removed on the 2xx
    });
  }

  it('caps the backoff at 60 s with full jitter', async () => {
    const { backoff } = await import('./send/retry.js');
    expect(backoff(20, 500, 60_000, () => 0.999)).toBeLessThan(60_000);
    expect(backoff(20, 500, 60_000, () => 0.999)).toBeGreaterThan(59_000);
    expect(backoff(0, 500, 60_000, () => 0)).toBe(0);
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const col = fakeCollector({ status: 429, headers: { 'Retry-After': '7' } }, { status: 503, headers: { 'retry-after': new Date(Date.now() + 20_000).toUTCString() } });
    const c = make(testConfig(col));
    c.tag('a');
    await c.flush();
    await vi.advanceTimersByTimeAsync(6_900);
    expect(col.calls).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(col.calls).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(18_000);
    expect(col.calls).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(3_000);
    await vi.waitFor(() => expect(col.calls).toHaveBeenCalledTimes(3));
  });

  for (const status of [400, 401, 403, 404, 413, 422]) {
    it(`drops a batch refused with ${status}, reports it and counts it in the next batch`, async () => {
      const col = fakeCollector(status);
      const errors: TouchpointError[] = [];
      const c = make(testConfig(col, { onError: (e) => errors.push(e) }));
      c.tag('a');
      c.tag('b');
      await c.flush();
      expect(errors).toEqual([expect.objectContaining({ code: 'dropped', status, count: 2 })]);
      c.tag('c');
      await c.flush();
      expect(col.bodies[1]!.events.map((e) => e.name)).toEqual(['c']);
      expect(col.bodies[1]!.dropped).toEqual({ [`http_${status}`]: 2 });
      c.tag('d');
      await c.flush();
      expect(col.bodies[2]!.dropped).toBeUndefined();
    });
  }

  it('reports events the collector rejected in its BatchResponse', async () => {
    const col = fakeCollector({ status: 200, body: { accepted: 0, duplicates: 0, rejected: [{ index: 0, reason: 'name: too long' }] } });
    const errors: TouchpointError[] = [];
    const c = make(testConfig(col, { onError: (e) => errors.push(e) }));
    c.tag('a');
    await c.flush();
    expect(errors[0]).toMatchObject({ code: 'rejected', count: 1, message: 'touchpoint: E33 collector' });
  });

  it('waits for the online event while offline', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const col = fakeCollector(0);
    const c = make(testConfig(col));
    c.tag('a');
    await c.flush();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(col.calls).toHaveBeenCalledTimes(1);
    onLine.mockReturnValue(true);
    dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(col.calls).toHaveBeenCalledTimes(2));
    expect(col.names()).toEqual(['a', 'a']);
  });

  it('bounds the queue by count and bytes, evicting the oldest and counting them', async () => {
    const col = fakeCollector();
    const errors: TouchpointError[] = [];
    const c = make(testConfig(col, { queueLimit: 3, onError: (e) => errors.push(e) }));
    for (const n of ['a', 'b', 'c', 'd', 'e']) c.tag(n);
    await c.flush();
    expect(col.names()).toEqual(['c', 'd', 'e']);
    expect(col.bodies[0]!.dropped).toEqual({ queue_full: 2 });
    expect(errors[0]).toMatchObject({ code: 'queue_full', count: 2 });
    const col2 = fakeCollector();
    const c2 = make(testConfig(col2, { queueBytes: 1500 }));
    for (let i = 0; i < 6; i++) c2.tag(`n${i}`, { pad: 'x'.repeat(300) });
    await c2.flush();
    const sent = col2.names();
    expect(sent.length).toBeLessThan(6);
    expect(sent[sent.length - 1]).toBe('n5');
    expect(col2.bodies[0]!.dropped!.queue_full).toBe(6 - sent.length);
  });

  it('drops a single touchpoint over the 32 KB event limit', async () => {
    const col = fakeCollector();
    const c = make(testConfig(col));
    c.tag('huge', { s: 'x'.repeat(40_000) });
    c.tag('ok');
    await c.flush();
    expect(col.names()).toEqual(['ok']);
    expect(col.bodies[0]!.dropped).toEqual({ too_large: 1 });
  });

  it('sends unacknowledged touchpoints with sendBeacon as text/plain on pagehide, keeping them queued', async () => {
    const beacons: Array<[string, string]> = [];
    (navigator as Beacon).sendBeacon = (url: string, body: string) => (beacons.push([url, body]), true);
    const store = memoryStore();
    const col = fakeCollector();
    const c = make(testConfig(col, { store }));
    c.tag('a');
    c.tag('b');
    dispatchEvent(new Event('pagehide'));
    expect(beacons).toHaveLength(1);
    expect(beacons[0]![0]).toBe('https://collect.test/v1/touchpoints');
    expect(typeof beacons[0]![1]).toBe('string'); // a string body goes as text/plain;charset=UTF-8
    expect(JSON.parse(beacons[0]![1]).events.map((e: { name: string }) => e.name)).toEqual(['a', 'b']);
    dispatchEvent(new Event('pagehide'));
    expect(beacons).toHaveLength(1); // not twice for the same touchpoints
    await c.flush();
    expect((await store.keys()).length).toBe(0); // acknowledged by the normal path
  });

  it('keeps the beacon within 64 KB', async () => {
    const beacons: string[] = [];
    (navigator as Beacon).sendBeacon = (_: string, body: string) => (beacons.push(body), true);
    const c = make(testConfig(fakeCollector()));
    for (let i = 0; i < 10; i++) c.tag('big', { pad: 'x'.repeat(10_000) });
    dispatchEvent(new Event('pagehide'));
    expect(beacons[0]!.length).toBeLessThanOrEqual(64 * 1024);
    expect(JSON.parse(beacons[0]!).events.length).toBe(6);
  });
});

describe('consent and privacy', () => {
  it('pending keeps touchpoints on the device until granted', async () => {
    const store = memoryStore();
    const col = fakeCollector();
    const c = make(testConfig(col, { consent: 'pending', store }));
    c.tag('a');
    await c.flush();
    dispatchEvent(new Event('pagehide'));
    expect(col.calls).not.toHaveBeenCalled();
    expect((await store.keys()).length).toBe(1);
    c.consent('granted');
    await vi.waitFor(() => expect(col.names()).toEqual(['a']));
  });

  it('denied drops touchpoints, clears the queue and forgets the ids', async () => {
    const store = memoryStore();
    const col = fakeCollector();
    const c = make(testConfig(col, { consent: 'pending', store }));
    c.identify('u1');
    c.tag('a');
    await c.flush();
    c.consent('denied');
    c.tag('b');
    await c.flush();
    await vi.waitFor(async () => expect((await store.keys()).length).toBe(0));
    expect(localStorage.getItem('tp:aid')).toBeNull();
    expect(localStorage.getItem('tp:uid')).toBeNull();
    c.consent('granted');
    c.tag('c');
    await c.flush();
    expect(col.names()).toEqual(['c']);
    expect(col.events()[0]!.userId).toBeUndefined();
  });

  it('starting denied clears what earlier visits queued', async () => {
    const store = memoryStore();
    const first = make(testConfig(fakeCollector(), { consent: 'pending', store }));
    first.tag('a');
    await first.flush();
    first.stop();
    expect((await store.keys()).length).toBe(1);
    make(testConfig(fakeCollector(), { consent: 'denied', store }));
    await vi.waitFor(async () => expect((await store.keys()).length).toBe(0));
  });

  it('honours Do Not Track and Global Privacy Control when asked to', async () => {
    vi.spyOn(navigator, 'doNotTrack', 'get').mockReturnValue('1');
    const col = fakeCollector();
    const dnt = make(testConfig(col, { respectDnt: true }));
    dnt.tag('a');
    dnt.consent('granted');
    dnt.tag('b');
    await dnt.flush();
    expect(col.calls).not.toHaveBeenCalled();
    const ignore = make(testConfig(col));
    ignore.tag('c');
    await ignore.flush();
    expect(col.names()).toEqual(['c']);
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    const gpc = make(testConfig(col, { respectGpc: true }));
    gpc.tag('d');
    await gpc.flush();
    expect(col.names()).toEqual(['c']);
    delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
  });

  it('cookieless mode persists no anonymous id, user id or attribution', async () => {
    const col = fakeCollector();
    const c = make(testConfig(col, { cookieless: true }));
    history.replaceState(null, '', '/?gclid=abc');
    c.adLanding();
    c.identify('u1');
    c.signUp();
    await c.flush();
    expect(localStorage.length).toBe(0);
    const e = col.events();
    expect(e.every((x) => x.anonymousId === undefined)).toBe(true);
    expect(e[2]!.userId).toBe('u1');
    expect(e[2]!.attribution!.first!.clickId).toBe('abc');
  });
});

describe('identity', () => {
  it('identify persists the user id and sends traits; reset forgets everything', async () => {
    const col = fakeCollector();
    const c = make(testConfig(col));
    c.identify('user-1', { plan: 'pro' });
    c.tag('after');
    await c.flush();
    const [id, after] = col.events();
    expect(id).toMatchObject({ name: 'identify', userId: 'user-1', traits: { plan: 'pro' } });
    expect(after!.userId).toBe('user-1');
    expect(localStorage.getItem('tp:uid')).toBe('user-1');
    const aid = after!.anonymousId;
    c.reset();
    c.tag('later');
    await c.flush();
    const later = col.events()[2]!;
    expect(later.userId).toBeUndefined();
    expect(later.anonymousId).not.toBe(aid);
  });
});
