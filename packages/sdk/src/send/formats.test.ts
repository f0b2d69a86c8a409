import { describe, expect, it } from 'vitest';
import type { TouchpointBatch } from '@touchpoint/schema';
import { ROUND_TRIP } from '../../../schema/src/segment-ecommerce.fixture.js';
import { stringify } from '../json.js';
import { checkoutEvent } from '../touchpoints/checkout-step.js';
import type { CheckoutInput } from '../types.js';
import { encode, segmentBatch, toSegment } from './formats.js';

const batch: TouchpointBatch = {
  site: 'shop',
  writeKey: 'wk_1',
  sentAt: Date.UTC(2026, 0, 2, 3, 4, 5),
  events: [
    { id: 'id-1', name: 'page_view', ts: Date.UTC(2026, 0, 2), anonymousId: 'a1', sessionId: 's1', page: { url: 'https://s.test/x', path: '/x', title: 'X' }, sdk: { name: '@touchpoint/sdk', version: '0.1.0' } },
    { id: 'id-2', name: 'purchase', ts: Date.UTC(2026, 0, 2), anonymousId: 'a1', userId: 'u1', properties: { value: 5 }, campaign: { source: 'google', medium: 'cpc', campaign: 'spring', clickId: 'g' } },
    { id: 'id-3', name: 'identify', ts: Date.UTC(2026, 0, 2), userId: 'u1', traits: { plan: 'pro' } },
    { id: 'id-4', name: 'wishlist_add', ts: Date.UTC(2026, 0, 2) },
  ],
  dropped: { queue_full: 2 },
};

it('native format is the TouchpointBatch itself', () => {
  expect(JSON.parse(encode(batch))).toEqual(batch);
});

it('segment format follows the Segment HTTP batch spec with SEGMENT_EVENT_NAMES', () => {
  const s = JSON.parse(encode(batch, segmentBatch));
  expect(s.sentAt).toBe('2026-01-02T03:04:05.000Z');
  expect(s.writeKey).toBe('wk_1');
  const [page, track, identify, custom] = s.batch;
  expect(page).toMatchObject({ type: 'page', name: 'X', messageId: 'id-1', anonymousId: 'a1', timestamp: '2026-01-02T00:00:00.000Z', context: { page: { url: 'https://s.test/x', path: '/x' }, library: { name: '@touchpoint/sdk' } } });
  expect(page.event).toBeUndefined();
  expect(track).toMatchObject({ type: 'track', event: 'Order Completed', properties: { value: 5 }, userId: 'u1', context: { campaign: { source: 'google', medium: 'cpc', name: 'spring' } } });
  expect(identify).toMatchObject({ type: 'identify', userId: 'u1', traits: { plan: 'pro' } });
  expect(custom).toMatchObject({ type: 'track', event: 'wishlist_add' });
});

it('a transform function builds any body: objects are JSON-encoded, strings sent as they are', () => {
  expect(JSON.parse(encode(batch, (b) => ({ n: b.events.length })))).toEqual({ n: 4 });
  expect(encode(batch, (b) => b.events.map((e) => e.name).join('\n'))).toBe('page_view\npurchase\nidentify\nwishlist_add');
});

describe('segment format: checkout touchpoints in the e-commerce spec v2 (fixtures shared with the collector)', () => {
  it.each(ROUND_TRIP)('$what', ({ call, touchpoint, segment }) => {
    const [name, properties] = checkoutEvent(call[0], call[1] as CheckoutInput);
    expect({ name, properties }).toEqual(touchpoint);
    const message = JSON.parse(stringify(toSegment({ id: 'e1', name, ts: Date.UTC(2026, 0, 2), properties })));
    expect({ event: message.event, properties: message.properties }).toEqual(segment);
  });

  it('leaves the properties of other touchpoints as they are (web vitals keep their value, no products)', () => {
    const vitals = { metric: 'LCP', value: 1200, rating: 'good', page_view_id: 'p1', items: [] };
    expect(toSegment({ id: 'e2', name: 'web_vitals', ts: 1, properties: vitals }).properties).toBe(vitals);
  });

  it('never throws on odd checkout input: items that are not objects or not an array', () => {
    const odd = toSegment({ id: 'e3', name: 'purchase', ts: 1, properties: { step: 'purchase', step_number: 4, items: [null, 'x', 3] as never } });
    expect(JSON.parse(stringify(odd)).properties.products).toEqual([{}, { 0: 'x' }, {}]);
    expect(toSegment({ id: 'e4', name: 'purchase', ts: 1, properties: { items: 'sku-1' } }).properties).toMatchObject({ products: 'sku-1' });
    expect(toSegment({ id: 'e5', name: 'purchase', ts: 1, properties: { items: { map: 1 } } }).properties).toMatchObject({ products: { map: 1 } });
  });
});
