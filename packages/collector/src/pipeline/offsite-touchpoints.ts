// Touchpoints that happen away from the website — billing, delivery, the support desk, the phone, the
// shop counter — sent by a backend through the native API or a Segment server library. Their default
// stages live here, where the collector reads them, so the browser SDK's bundle does not carry them.
import type { Stage } from '@touchpoint/schema';

const AFTER: Stage = { phase: 'after', p5: 'post' };

/**
 * Built-in names for touchpoints outside the website, with their default stage (a site's `stages`
 * override them, as for every touchpoint). `store_visit` is a visit to a physical shop — where a purchase
 * may happen — so it sits in the pivotal moment of the purchase phase; the rest follow the purchase.
 */
export const OFFSITE_STAGES: Readonly<Record<string, Stage>> = {
  invoice_sent: AFTER,
  payment_failed: AFTER,
  refund_issued: AFTER,
  subscription_renewed: AFTER,
  order_shipped: AFTER,
  order_delivered: AFTER,
  delivery_failed: AFTER,
  support_ticket_opened: AFTER,
  support_ticket_solved: AFTER,
  phone_call: AFTER,
  store_visit: { phase: 'during', p5: 'pivotal' },
};

/** The default stage of an off-site touchpoint, if `name` is one (own keys only: `toString` is none). */
export function offsiteStage(name: string): Stage | undefined {
  return Object.prototype.hasOwnProperty.call(OFFSITE_STAGES, name) ? OFFSITE_STAGES[name] : undefined;
}
