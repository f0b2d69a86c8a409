import { CHECKOUT_STEPS, type Properties } from '@touchpoint/schema';
import type { CheckoutInput } from '../types.js';

/**
 * The touchpoint for a checkout step: GA4 names for `begin`, `shipping`, `payment` and `purchase`
 * (schema `CHECKOUT_STEPS`), and `checkout_step` with `properties.step` for any other step.
 */
export function checkoutEvent(step: string, props: CheckoutInput = {}): [string, Properties] {
  const known = {}.hasOwnProperty.call(CHECKOUT_STEPS, step) ? CHECKOUT_STEPS[step as keyof typeof CHECKOUT_STEPS] : undefined;
  return [known ? known.name : 'checkout_step', { ...props, step, step_number: known ? known.number : props.step_number ?? 0 }];
}
