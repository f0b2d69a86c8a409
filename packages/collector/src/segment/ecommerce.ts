import { CHECKOUT_STEPS, type CheckoutStep } from '@touchpoint/schema';
import { isObject } from '../json-object.js';

// The Segment e-commerce spec v2 (https://segment.com/docs/connections/spec/ecommerce/v2/) read back
// onto the envelope's checkout touchpoints: the reverse of the SDK's Segment format
// (packages/sdk/src/send/formats.ts toSegmentCheckout), and what analytics.js and other Segment
// clients send. Fixtures shared with the SDK: packages/schema/src/segment-ecommerce.fixture.ts.

type Props = Record<string, unknown>;

const STEP_KEYS = Object.keys(CHECKOUT_STEPS) as CheckoutStep[];
/** touchpoint name → checkout step key (`purchase` → `purchase`, `add_shipping_info` → `shipping`) */
const KEY_OF_NAME = new Map(STEP_KEYS.map((k) => [CHECKOUT_STEPS[k].name as string, k]));
const CHECKOUT_STEP = 'checkout_step';
/** The spec's step events: which touchpoint they are depends on the step. */
const STEP_EVENTS = new Set(['checkout step viewed', 'checkout step completed']);

const own = (k: string): k is CheckoutStep => Object.prototype.hasOwnProperty.call(CHECKOUT_STEPS, k);

/** The step's name and number as a Segment message gives them: `step_name`, and `step` as a number, a numeric string or a name. */
function stepOf(p: Props): { name?: string; number?: number } {
  const out: { name?: string; number?: number } = {};
  if (typeof p.step_name === 'string' && p.step_name) out.name = p.step_name;
  if (typeof p.step === 'number' && Number.isFinite(p.step)) out.number = p.step;
  else if (typeof p.step === 'string' && /^\d{1,9}$/.test(p.step)) out.number = Number(p.step);
  else if (typeof p.step === 'string' && p.step && out.name === undefined) out.name = p.step;
  return out;
}

/**
 * The touchpoint a `Checkout Step Viewed` / `Checkout Step Completed` is: the SDK's step of that name
 * (`shipping` → `add_shipping_info`) or else of that number (1 `begin_checkout`, 2 `add_shipping_info`,
 * 3 `add_payment_info`); any other step is a `checkout_step`. Never `purchase`: only `Order Completed`
 * is a purchase, whatever a site numbers its steps.
 */
export function checkoutStepTouchpoint(p: Props): string {
  const step = stepOf(p);
  const key = step.name !== undefined ? (own(step.name) ? step.name : undefined) : STEP_KEYS.find((k) => CHECKOUT_STEPS[k].number === step.number);
  return key && key !== 'purchase' ? CHECKOUT_STEPS[key].name : CHECKOUT_STEP;
}

/** A spec product as an envelope item: `product_id` (else a v1 `id`, else `sku`) is the `id`; a `sku` that differs from it is kept. */
function itemOf(p: unknown): unknown {
  if (!isObject(p)) return p;
  const { product_id, sku, ...rest } = p;
  const id = product_id ?? rest.id ?? sku;
  const item: Props = { ...rest };
  if (id !== undefined) item.id = id;
  if (sku !== undefined && sku !== id) item.sku = sku;
  return item;
}

/**
 * A Segment track call's touchpoint name and, for the checkout touchpoints, its properties under the
 * envelope's names (`CheckoutProperties`):
 * - `step` (the spec's number) → `step_number`, `step_name` → `step`; missing ones from the step table
 *   (`Order Completed` → `purchase`, 4);
 * - `products[]` → `items[]` (see itemOf);
 * - `total` is the spec's name for `value` (Order Completed): it becomes `value` when none is sent;
 *   `revenue` (without shipping and tax) is kept, and is the `value` when neither is sent. A `revenue`
 *   or `total` equal to a `value` sent with it is a copy (the SDK's purchase sends all three) and dropped.
 * Other properties are kept as sent. Other touchpoints come back with `properties` undefined: use the
 * message's own.
 *
 * @param event - the message's `event`, e.g. `Checkout Step Completed`
 * @param name - the touchpoint name its spec name maps to (`touchpointNameOf`)
 * @example
 * fromSegmentEcommerce('Checkout Step Completed', 'checkout_step', { step: 2, shipping_method: 'DHL' });
 * // → { name: 'add_shipping_info', properties: { step: 'shipping', step_number: 2, shipping_method: 'DHL' } }
 */
export function fromSegmentEcommerce(event: string, name: string, props: Props | undefined): { name: string; properties?: Props } {
  const p = props ?? {};
  const tp = STEP_EVENTS.has(event.trim().toLowerCase()) ? checkoutStepTouchpoint(p) : name;
  const key = KEY_OF_NAME.get(tp);
  if (!key && tp !== CHECKOUT_STEP) return { name: tp };

  const { step: _step, step_name: _stepName, products, value, total, revenue, ...rest } = p;
  const step = stepOf(p);
  const out: Props = {};
  const stepName = step.name ?? key ?? (step.number !== undefined ? String(step.number) : undefined);
  if (stepName !== undefined) out.step = stepName;
  out.step_number = step.number ?? (key ? CHECKOUT_STEPS[key].number : 0);
  const amount = value ?? total ?? revenue;
  if (amount !== undefined) out.value = amount;
  if (revenue !== undefined && (value === undefined || revenue !== value)) out.revenue = revenue;
  if (total !== undefined && value !== undefined && total !== value) out.total = total;
  if (products !== undefined) out.items = Array.isArray(products) ? products.map(itemOf) : products;
  // What the envelope derives wins over a same-named property sent alongside (a stray `step_number`).
  return { name: tp, properties: { ...rest, ...out } };
}
