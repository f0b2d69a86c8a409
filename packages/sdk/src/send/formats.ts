import { CHECKOUT_STEPS, SEGMENT_EVENT_NAMES, TOUCHPOINT, type Properties, type TouchpointBatch, type TouchpointEvent } from '@touchpoint/schema';
import type { Feature, PayloadFormat } from '../types.js';
import { stringify } from '../json.js';

const iso = (ms: number) => new Date(ms).toISOString();

// The touchpoints checkoutStep() tags: their properties are translated to the e-commerce spec's. A
// function, not a table built at load: formats.ts is in every build, and a top-level call would stay in
// the builds without the Segment format.
const isCheckout = (name: string) => name == 'checkout_step' || Object.values(CHECKOUT_STEPS).some((s) => s.name == name);

/**
 * A checkout touchpoint's properties in the Segment e-commerce spec v2: `step` is the spec's step
 * number (the SDK's `step` name goes as `step_name`), `items` become `products` (`id` → `product_id`,
 * and `sku` unless the item has its own), and a purchase's `value` is copied to `revenue` and `total`
 * (Order Completed's amounts; Checkout Started has `value` itself). Anything else is sent as it is;
 * keys left `undefined` are dropped by JSON.
 */
export function toSegmentCheckout(name: string, p: Properties): Record<string, unknown> {
  const { step, step_number, items, ...o } = p;
  return {
    ...o,
    step: step_number,
    step_name: step,
    products: Array.isArray(items) ? (items as Properties[]).map((i) => ((i = { ...i }), { product_id: i.id, sku: i.id, ...i, id: undefined })) : items,
    ...(name == TOUCHPOINT.purchase && { revenue: o.value, total: o.value }),
  };
}

/** One touchpoint as a Segment spec message (`page`, `identify` or `track` with the Segment event name). */
export function toSegment(e: TouchpointEvent): Record<string, unknown> {
  const type = e.name == TOUCHPOINT.pageView ? 'page' : e.name == TOUCHPOINT.identify ? 'identify' : 'track';
  const c = e.campaign;
  return {
    type,
    event: type == 'track' ? SEGMENT_EVENT_NAMES[e.name] || e.name : undefined,
    name: type == 'page' ? e.page?.title : undefined,
    properties: e.properties && isCheckout(e.name) ? toSegmentCheckout(e.name, e.properties) : e.properties,
    traits: e.traits,
    messageId: e.id,
    anonymousId: e.anonymousId,
    userId: e.userId,
    timestamp: iso(e.ts),
    context: {
      page: e.page,
      campaign: c && { source: c.source, medium: c.medium, name: c.campaign, term: c.term, content: c.content },
      library: e.sdk,
      touchpoint: { name: e.name, sessionId: e.sessionId, stage: e.stage, attribution: e.attribution },
    },
  };
}

/** A batch as a Segment HTTP API batch: `{ batch, sentAt, writeKey }`. */
export const segmentBatch = (b: TouchpointBatch) => ({ batch: b.events.map(toSegment), sentAt: iso(b.sentAt), writeKey: b.writeKey });

/**
 * Feature of the npm package and of the script-tag variant touchpoint.segment.min.js: makes
 * `format: 'segment'` use {@link segmentBatch}. The other script-tag builds leave it out and refuse
 * `segment` at init (they send native or a transform).
 */
export const segmentFormat: Feature = (_, c) => {
  if (c.format == 'segment') c.format = segmentBatch;
};

/** The request body for `batch`: the user's transform (objects JSON-encoded, strings as they are), else native TouchpointBatch JSON. */
export function encode(batch: TouchpointBatch, format?: PayloadFormat): string {
  const body = typeof format == 'function' ? format(batch) : batch;
  return typeof body == 'string' ? body : stringify(body);
}
