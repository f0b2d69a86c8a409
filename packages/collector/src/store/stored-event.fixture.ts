import type { StoredEvent } from './types.js';

/** One stored page view with every column set, for store tests; `over` replaces any column. */
export function storedEvent(over: Partial<StoredEvent> = {}): StoredEvent {
  return {
    site: 'shop', id: 'e1', name: 'page_view', ts: 1_700_000_000_000, receivedAt: 1_700_000_000_100,
    anonymousId: 'a1', userId: null, sessionId: 's1', phase: 'before', p5: 'first_touch', channel: 'direct',
    url: 'https://shop.test/', path: '/', title: 'Home', referrer: null, utmSource: null, utmMedium: null,
    utmCampaign: null, utmTerm: null, utmContent: null, clickIdParam: null, browser: 'Chrome', os: 'Linux',
    device: 'desktop', isBot: false, ip: '10.0.0.0', data: '{}', ...over,
  };
}
