// The Segment e-commerce spec read back onto the envelope, with the fixtures the SDK's Segment format is
// tested with (packages/schema/src/segment-ecommerce.fixture.ts): what the SDK sends for a checkout step
// comes back as the touchpoint it tagged, through the whole endpoint and the store.
import { describe, expect, it } from 'vitest';
import { FROM_SEGMENT, ROUND_TRIP } from '../../../schema/src/segment-ecommerce.fixture.js';
import { json, KEYED, post, testHandler, uuid7 } from '../handler.fixture.js';
import { checkoutStepTouchpoint, fromSegmentEcommerce } from './ecommerce.js';
import { mapMessage, touchpointNameOf } from './map-message.js';

const track = (event: string, properties: Record<string, unknown>, context: Record<string, unknown> = {}) => ({ type: 'track', event, properties, messageId: uuid7(), anonymousId: 'anon-1', timestamp: '2026-01-02T03:04:05.000Z', context });

describe('Segment e-commerce spec → touchpoints', () => {
  it.each(ROUND_TRIP)('round trip: $what', ({ touchpoint, segment }) => {
    // As the SDK's Segment format sends it: the touchpoint's own name in context.touchpoint.
    const { event } = mapMessage(track(segment.event, segment.properties, { touchpoint: { name: touchpoint.name } }));
    expect(event).toMatchObject({ name: touchpoint.name });
    expect((event as { properties: unknown }).properties).toEqual(touchpoint.properties);
  });

  it.each(ROUND_TRIP)('the spec alone names it: $what', ({ touchpoint, segment }) => {
    // The same message without the SDK's context: the name and properties come from the spec mapping,
    // the spec event is recorded as segmentEvent.
    const { event } = mapMessage(track(segment.event, segment.properties));
    expect(event).toMatchObject({ name: touchpoint.name });
    expect((event as { properties: unknown }).properties).toEqual({ ...touchpoint.properties, segmentEvent: segment.event });
  });

  it.each(FROM_SEGMENT)('other Segment clients: $what', ({ segment, touchpoint }) => {
    const { event } = mapMessage(track(segment.event, segment.properties));
    expect(event).toMatchObject({ name: touchpoint.name });
    expect((event as { properties: unknown }).properties).toEqual(touchpoint.properties);
  });

  it('names the spec step events by step name, else number; never purchase', () => {
    expect(checkoutStepTouchpoint({ step: 2 })).toBe('add_shipping_info');
    expect(checkoutStepTouchpoint({ step: '3' })).toBe('add_payment_info');
    expect(checkoutStepTouchpoint({ step: 1 })).toBe('begin_checkout');
    expect(checkoutStepTouchpoint({ step: 4 })).toBe('checkout_step');
    expect(checkoutStepTouchpoint({ step: 'purchase' })).toBe('checkout_step');
    expect(checkoutStepTouchpoint({ step: 2, step_name: 'gift_wrap' })).toBe('checkout_step'); // the name wins
    expect(checkoutStepTouchpoint({ step: 9, step_name: 'payment' })).toBe('add_payment_info');
    expect(checkoutStepTouchpoint({ step: 'constructor' })).toBe('checkout_step');
    expect(touchpointNameOf('Checkout Step Viewed')).toBe('checkout_step_viewed'); // by name alone; mapMessage reads the step
  });

  it('leaves other events and odd products as they are', () => {
    expect(fromSegmentEcommerce('Product Viewed', 'product_viewed', { product_id: 'p1' })).toEqual({ name: 'product_viewed' });
    expect(fromSegmentEcommerce('Order Completed', 'purchase', { products: 'p1' }).properties).toMatchObject({ items: 'p1' });
    expect(fromSegmentEcommerce('Order Completed', 'purchase', { products: [null, 'p1', { product_id: 'a', id: 'legacy' }] }).properties).toMatchObject({ items: [null, 'p1', { id: 'a' }] });
    expect(fromSegmentEcommerce('Order Completed', 'purchase', { products: [{ id: 'v1-id', sku: 'S' }] }).properties).toMatchObject({ items: [{ id: 'v1-id', sku: 'S' }] });
  });

  it('stores an SDK checkout sent through /v1/batch as the touchpoints it tagged', async () => {
    const { handler, store } = testHandler();
    const batch = ROUND_TRIP.map(({ touchpoint, segment }) => track(segment.event, segment.properties, { touchpoint: { name: touchpoint.name } }));
    const res = await handler(post('/v1/batch', { batch, writeKey: KEYED.writeKey, sentAt: '2026-01-02T03:04:06.000Z' }, { origin: 'https://keyed.test' }));
    expect(await json(res)).toMatchObject({ accepted: ROUND_TRIP.length, rejected: [] });
    const rows = await store.query<{ id: string; name: string; data: string }>('SELECT id, name, data FROM events');
    const byId = new Map(rows.map((r) => [r.id, r]));
    batch.forEach((m, i) => {
      const row = byId.get(m.messageId)!;
      expect(row.name).toBe(ROUND_TRIP[i]!.touchpoint.name);
      expect(JSON.parse(row.data).properties).toEqual(ROUND_TRIP[i]!.touchpoint.properties);
    });
  });
});
