// Shared test fixtures (never part of the published package: it ships `dist` only, built from `src`).
// One table of checkout touchpoints and the Segment e-commerce spec v2 messages they are, read by both
// directions: the SDK's Segment format (packages/sdk/src/send/formats.test.ts) must turn `touchpoint`
// into `segment`, the collector's Segment endpoint (packages/collector/src/segment/ecommerce.test.ts)
// must turn `segment` back into `touchpoint`; test/e2e/sdk-segment-checkout.test.ts sends the built
// Segment variant's own output through the collector in Chromium.
// Spec: https://segment.com/docs/connections/spec/ecommerce/v2/

/** A touchpoint as `checkoutStep(step, input)` tags it: its name and properties. */
export interface TouchpointSide {
  name: string;
  properties: Record<string, unknown>;
}

/** A Segment track call: its spec event name and properties. */
export interface SegmentSide {
  event: string;
  properties: Record<string, unknown>;
}

/** A checkout touchpoint and the Segment message it is, in both directions. */
export interface RoundTripCase {
  what: string;
  /** the `checkoutStep` call that tags it */
  call: [step: string, input?: Record<string, unknown>];
  touchpoint: TouchpointSide;
  segment: SegmentSide;
}

const shoe = { id: 'sku-42', name: 'Trail runner', price: 59.9, quantity: 1 };
const shoeProduct = { product_id: 'sku-42', sku: 'sku-42', name: 'Trail runner', price: 59.9, quantity: 1 };

/** Every checkout touchpoint of the SDK and its Segment spec message; each maps exactly onto the other. */
export const ROUND_TRIP: RoundTripCase[] = [
  {
    what: 'begin → Checkout Started with products[]',
    call: ['begin', { value: 59.9, currency: 'EUR', items: [shoe] }],
    touchpoint: { name: 'begin_checkout', properties: { step: 'begin', step_number: 1, value: 59.9, currency: 'EUR', items: [shoe] } },
    segment: { event: 'Checkout Started', properties: { step: 1, step_name: 'begin', value: 59.9, currency: 'EUR', products: [shoeProduct] } },
  },
  {
    what: 'shipping → Checkout Step Completed, step 2',
    call: ['shipping', { shipping_method: 'DHL Express' }],
    touchpoint: { name: 'add_shipping_info', properties: { step: 'shipping', step_number: 2, shipping_method: 'DHL Express' } },
    segment: { event: 'Checkout Step Completed', properties: { step: 2, step_name: 'shipping', shipping_method: 'DHL Express' } },
  },
  {
    what: 'payment → Payment Info Entered, step 3',
    call: ['payment', { payment_method: 'card', checkout_id: 'c-9' }],
    touchpoint: { name: 'add_payment_info', properties: { step: 'payment', step_number: 3, payment_method: 'card', checkout_id: 'c-9' } },
    segment: { event: 'Payment Info Entered', properties: { step: 3, step_name: 'payment', payment_method: 'card', checkout_id: 'c-9' } },
  },
  {
    what: 'purchase → Order Completed with order_id, revenue, total and products[] (a sku of its own kept)',
    call: ['purchase', { value: 119.8, currency: 'EUR', order_id: 'A-1001', items: [{ id: 'sku-42', sku: 'TR-42-EU43', name: 'Trail runner', price: 59.9, quantity: 2, category: 'Shoes' }] }],
    touchpoint: {
      name: 'purchase',
      properties: { step: 'purchase', step_number: 4, value: 119.8, currency: 'EUR', order_id: 'A-1001', items: [{ id: 'sku-42', sku: 'TR-42-EU43', name: 'Trail runner', price: 59.9, quantity: 2, category: 'Shoes' }] },
    },
    segment: {
      event: 'Order Completed',
      properties: {
        step: 4,
        step_name: 'purchase',
        value: 119.8,
        revenue: 119.8,
        total: 119.8,
        currency: 'EUR',
        order_id: 'A-1001',
        products: [{ product_id: 'sku-42', sku: 'TR-42-EU43', name: 'Trail runner', price: 59.9, quantity: 2, category: 'Shoes' }],
      },
    },
  },
  {
    what: "a site's own step → Checkout Step Completed with its number and name",
    call: ['gift_wrap', { step_number: 5 }],
    touchpoint: { name: 'checkout_step', properties: { step: 'gift_wrap', step_number: 5 } },
    segment: { event: 'Checkout Step Completed', properties: { step: 5, step_name: 'gift_wrap' } },
  },
];

/** A Segment message from another client (analytics.js, analytics-node) and the touchpoint it becomes. */
export interface FromSegmentCase {
  what: string;
  segment: SegmentSide;
  touchpoint: TouchpointSide;
}

/**
 * Spec messages as other Segment clients send them (no `step_name`, spec properties only), one way:
 * the collector names the step by its number or name, keeps what it cannot translate, and records the
 * spec event as `segmentEvent` (a Touchpoint SDK message, naming its own touchpoint in
 * `context.touchpoint.name`, needs none).
 */
export const FROM_SEGMENT: FromSegmentCase[] = [
  {
    what: 'Checkout Step Viewed, step 2 → add_shipping_info (the spec event kept)',
    segment: { event: 'Checkout Step Viewed', properties: { checkout_id: 'c-1', step: 2, shipping_method: 'Fedex' } },
    touchpoint: { name: 'add_shipping_info', properties: { step: 'shipping', step_number: 2, checkout_id: 'c-1', shipping_method: 'Fedex', segmentEvent: 'Checkout Step Viewed' } },
  },
  {
    what: 'Checkout Step Completed, step 3 → add_payment_info',
    segment: { event: 'Checkout Step Completed', properties: { step: 3, payment_method: 'Visa' } },
    touchpoint: { name: 'add_payment_info', properties: { step: 'payment', step_number: 3, payment_method: 'Visa', segmentEvent: 'Checkout Step Completed' } },
  },
  {
    what: 'Checkout Step Completed, step 1 → begin_checkout',
    segment: { event: 'Checkout Step Completed', properties: { step: 1 } },
    touchpoint: { name: 'begin_checkout', properties: { step: 'begin', step_number: 1, segmentEvent: 'Checkout Step Completed' } },
  },
  {
    what: 'Checkout Step Completed named by a step name instead of a number',
    segment: { event: 'Checkout Step Completed', properties: { step: 'shipping' } },
    touchpoint: { name: 'add_shipping_info', properties: { step: 'shipping', step_number: 2, segmentEvent: 'Checkout Step Completed' } },
  },
  {
    what: 'Checkout Step Completed, step 4 → a checkout_step (only Order Completed is a purchase)',
    segment: { event: 'Checkout Step Completed', properties: { step: 4 } },
    touchpoint: { name: 'checkout_step', properties: { step: '4', step_number: 4, segmentEvent: 'Checkout Step Completed' } },
  },
  {
    what: 'Checkout Step Completed without a step → checkout_step, step_number 0',
    segment: { event: 'Checkout Step Completed', properties: { checkout_id: 'c-2' } },
    touchpoint: { name: 'checkout_step', properties: { step_number: 0, checkout_id: 'c-2', segmentEvent: 'Checkout Step Completed' } },
  },
  {
    what: "the spec's Order Completed example: value from total, revenue (differs) and the rest kept",
    segment: {
      event: 'Order Completed',
      properties: {
        checkout_id: 'fksdjfsdjfisjf9sdfjsd9f', order_id: '50314b8e9bcf000000000000', affiliation: 'Google Store', total: 27.5, subtotal: 22.5, revenue: 25, shipping: 3, tax: 2, discount: 2.5, coupon: 'hasbros', currency: 'USD',
        products: [
          { product_id: '507f1f77bcf86cd799439011', sku: '45790-32', name: 'Monopoly: 3rd Edition', price: 19, quantity: 1, category: 'Games', url: 'https://www.example.com/product/path', image_url: 'https://www.example.com/product/path.jpg' },
          { product_id: '505bd76785ebb509fc183733', sku: '46493-32', name: 'Uno Card Game', price: 3, quantity: 2, category: 'Games' },
        ],
      },
    },
    touchpoint: {
      name: 'purchase',
      properties: {
        step: 'purchase', step_number: 4, value: 27.5, revenue: 25, segmentEvent: 'Order Completed',
        checkout_id: 'fksdjfsdjfisjf9sdfjsd9f', order_id: '50314b8e9bcf000000000000', affiliation: 'Google Store', subtotal: 22.5, shipping: 3, tax: 2, discount: 2.5, coupon: 'hasbros', currency: 'USD',
        items: [
          { id: '507f1f77bcf86cd799439011', sku: '45790-32', name: 'Monopoly: 3rd Edition', price: 19, quantity: 1, category: 'Games', url: 'https://www.example.com/product/path', image_url: 'https://www.example.com/product/path.jpg' },
          { id: '505bd76785ebb509fc183733', sku: '46493-32', name: 'Uno Card Game', price: 3, quantity: 2, category: 'Games' },
        ],
      },
    },
  },
  {
    what: 'Order Completed with revenue only (analytics.js): value from it, revenue kept as sent',
    segment: { event: 'Order Completed', properties: { order_id: 'A-1001', revenue: 129, currency: 'EUR' } },
    touchpoint: { name: 'purchase', properties: { step: 'purchase', step_number: 4, value: 129, revenue: 129, order_id: 'A-1001', currency: 'EUR', segmentEvent: 'Order Completed' } },
  },
  {
    what: 'Checkout Started with value, a product known by sku only',
    segment: { event: 'Checkout Started', properties: { value: 30, currency: 'USD', products: [{ sku: 'SEG-02', price: 30 }] } },
    touchpoint: { name: 'begin_checkout', properties: { step: 'begin', step_number: 1, value: 30, currency: 'USD', items: [{ id: 'SEG-02', price: 30 }], segmentEvent: 'Checkout Started' } },
  },
];
