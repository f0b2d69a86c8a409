/**
 * Built-in touchpoint names. Any other name matching {@link NAME_PATTERN} is a valid custom touchpoint.
 *
 * Checkout names follow GA4's recommended events (`begin_checkout`, `add_shipping_info`,
 * `add_payment_info`, `purchase`) so the data maps onto tools teams already use; the Segment
 * e-commerce spec names are in {@link SEGMENT_EVENT_NAMES}.
 */
export const TOUCHPOINT = {
  pageView: 'page_view',
  adLanding: 'ad_landing',
  signUp: 'sign_up',
  beginCheckout: 'begin_checkout',
  addShippingInfo: 'add_shipping_info',
  addPaymentInfo: 'add_payment_info',
  purchase: 'purchase',
  supportOpen: 'support_open',
  feedback: 'feedback',
  identify: 'identify',
  webVitals: 'web_vitals',
} as const;

/** One of the built-in touchpoint names. */
export type BuiltInTouchpointName = (typeof TOUCHPOINT)[keyof typeof TOUCHPOINT];

/** A touchpoint name: lower-case snake case, starting with a letter, at most 64 characters. */
export const NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** Touchpoints that count as conversions: first/last-touch attribution is attached to them. */
export const CONVERSION_NAMES: readonly string[] = [
  TOUCHPOINT.signUp,
  TOUCHPOINT.beginCheckout,
  TOUCHPOINT.addShippingInfo,
  TOUCHPOINT.addPaymentInfo,
  TOUCHPOINT.purchase,
];

/** The checkout step names accepted by `checkoutStep(step)`, with their touchpoint name and step number. */
export const CHECKOUT_STEPS = {
  begin: { name: TOUCHPOINT.beginCheckout, number: 1 },
  shipping: { name: TOUCHPOINT.addShippingInfo, number: 2 },
  payment: { name: TOUCHPOINT.addPaymentInfo, number: 3 },
  purchase: { name: TOUCHPOINT.purchase, number: 4 },
} as const;

/** A checkout step understood by `checkoutStep`. */
export type CheckoutStep = keyof typeof CHECKOUT_STEPS;

/**
 * Segment spec event names for the built-in touchpoints (used by the Segment-compatible payload
 * format and, reversed, by the collector's Segment endpoint). The checkout steps follow the Segment
 * e-commerce spec v2: shipping and any step of the site's own (`checkout_step`) are a
 * `Checkout Step Completed` told apart by their `step` number and `step_name`.
 */
export const SEGMENT_EVENT_NAMES: Readonly<Record<string, string>> = {
  [TOUCHPOINT.signUp]: 'Signed Up',
  [TOUCHPOINT.beginCheckout]: 'Checkout Started',
  [TOUCHPOINT.addShippingInfo]: 'Checkout Step Completed',
  checkout_step: 'Checkout Step Completed',
  [TOUCHPOINT.addPaymentInfo]: 'Payment Info Entered',
  [TOUCHPOINT.purchase]: 'Order Completed',
  [TOUCHPOINT.supportOpen]: 'Support Widget Opened',
  [TOUCHPOINT.feedback]: 'Feedback Submitted',
  [TOUCHPOINT.adLanding]: 'Ad Landing',
  [TOUCHPOINT.webVitals]: 'Web Vitals',
};

/**
 * Turns any event name into a touchpoint name: `"Order Completed"` → `"order_completed"`.
 * Returns `undefined` when nothing usable is left.
 */
export function toTouchpointName(input: string): string | undefined {
  const name = input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 64)
    .replace(/_+$/, '');
  return NAME_PATTERN.test(name) ? name : undefined;
}
