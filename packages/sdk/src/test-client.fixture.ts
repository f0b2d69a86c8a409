// Helpers for the SDK's unit tests: a scripted fake collector and a client config around it.
import { vi } from 'vitest';
import type { TouchpointBatch, TouchpointEvent } from '@touchpoint/schema';
import { memoryStore } from './queue/store.js';
import type { Config } from './types.js';

/** One scripted answer: a status (0 = network error) with optional headers and JSON body. */
export type Answer = number | { status: number; headers?: Record<string, string>; body?: unknown };

/** A fake `fetch` answering from `script` (then 200), recording every request body. */
export function fakeCollector(...script: Answer[]) {
  const bodies: TouchpointBatch[] = [];
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    requests.push({ url, init });
    bodies.push(JSON.parse(String(init.body)));
    const a = script.shift() ?? 200;
    const { status, headers = {}, body } = typeof a == 'number' ? { status: a } : a;
    if (!status) throw new TypeError('Failed to fetch');
    const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    return { status, ok: status > 199 && status < 300, headers: { get: (k: string) => h[k.toLowerCase()] ?? null }, json: async () => body ?? { accepted: 1, duplicates: 0, rejected: [] } };
  });
  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    calls: fetch,
    bodies,
    requests,
    /** every event sent, in order */
    events: (): TouchpointEvent[] => bodies.flatMap((b) => b.events),
    names: (): string[] => bodies.flatMap((b) => b.events.map((e) => e.name)),
  };
}

/** A config for tests: memory store, no automatic flush within a test, the fake collector's fetch. */
export function testConfig(collector: { fetch: typeof fetch }, over: Partial<Config> = {}): Config {
  return { endpoint: 'https://collect.test/v1/touchpoints', site: 'test-site', flushInterval: 600_000, store: memoryStore(), fetch: collector.fetch, ...over };
}
