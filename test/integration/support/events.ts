// Touchpoints for integration tests: stored rows for store tests and HTTP batches for collector tests.
import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '../../../packages/collector/src/store/types';

/** One stored touchpoint with every column set, overridable. */
export function storedEvent(over: Partial<StoredEvent> = {}): StoredEvent {
  return {
    site: 'shop', id: randomUUID(), name: 'page_view', ts: 1_700_000_000_000, receivedAt: 1_700_000_000_100,
    anonymousId: 'a1', userId: null, sessionId: 's1', phase: 'before', p5: 'first_touch', channel: 'direct',
    url: 'https://shop.test/', path: '/', title: 'Home', referrer: null, utmSource: null, utmMedium: null,
    utmCampaign: null, utmTerm: null, utmContent: null, clickIdParam: null, browser: 'Chrome', os: 'Linux',
    device: 'desktop', isBot: false, ip: '10.0.0.0', data: '{}', metric: null, value: null, ...over,
  };
}

/** `n` valid page_view events as the SDK sends them (fresh ids, current time). */
export function pageViews(n: number, prefix = randomUUID().slice(0, 8)): Array<Record<string, unknown>> {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    name: 'page_view',
    ts: now - (n - i),
    anonymousId: `v-${i % 7}`,
    sessionId: `s-${i % 13}`,
    page: { url: `https://shop.test/p/${i}`, path: `/p/${i}`, title: `Product ${i}` },
  }));
}

/** The JSON body of one batch for site `site`. */
export function batchBody(site: string, events: ReadonlyArray<Record<string, unknown>>): string {
  return JSON.stringify({ site, sentAt: Date.now(), events });
}
