/**
 * `@touchpoint/sdk` — tag every moment a customer meets your brand. Touchpoints are written to
 * IndexedDB before they are sent, delivered in batches with retries, and never throw into your page.
 * @packageDocumentation
 */
import { createApi } from './api.js';
import { DEFAULT_FEATURES } from './features.js';

const api = createApi(DEFAULT_FEATURES);

/**
 * Starts the SDK once per page; calls made before it are replayed. Throws a TypeError naming the bad
 * setting when misconfigured (the only throw of the SDK). Starts automatic page views, ad landings and
 * declarative tagging unless turned off.
 * @param config `endpoint` and `site` are required; see the README's config table for the rest
 * @example
 * init({ endpoint: 'https://collect.example.com/v1/touchpoints', site: 'shop', consent: 'pending' });
 */
export const init = api.init;
/**
 * Tags any named touchpoint (lower snake case, e.g. `wishlist_add`).
 * @example
 * tag('wishlist_add', { product_id: 'sku-42' });
 */
export const tag = api.tag;
/**
 * Tags a `page_view` of the current page (automatic unless `autoPageViews: false`).
 * @example
 * pageView({ template: 'product' });
 */
export const pageView = api.pageView;
/**
 * Tags an `ad_landing` with the campaign (default: from the URL) and the landing page's signals, and
 * records it as first/last touch (automatic on landing unless `adLandings: false`).
 * @example
 * adLanding({ source: 'newsletter', medium: 'email', campaign: 'spring' });
 */
export const adLanding = api.adLanding;
/**
 * Tags a `sign_up` (conversion: attribution attached).
 * @example
 * signUp({ method: 'email' });
 */
export const signUp = api.signUp;
/**
 * Tags a checkout step: `begin`, `shipping`, `payment`, `purchase` map to GA4 names; other steps to `checkout_step`.
 * @example
 * checkoutStep('purchase', { value: 59.9, currency: 'EUR', order_id: 'A-1001', items: [{ id: 'sku-42', quantity: 1 }] });
 */
export const checkoutStep = api.checkoutStep;
/**
 * Tags `support_open` for a support widget or page.
 * @example
 * supportOpen('intercom');
 */
export const supportOpen = api.supportOpen;
/**
 * Tags `feedback`: NPS (integer 0–10) or CSAT (integer 1–5); invalid scores are reported, not sent.
 * @example
 * feedback({ score: 9, scale: 'nps', touchpoint: 'purchase' });
 */
export const feedback = api.feedback;
/**
 * Sets the user id of later touchpoints (persisted unless cookieless) and tags `identify` with traits.
 * @example
 * identify('user-123', { plan: 'pro' });
 */
export const identify = api.identify;
/**
 * Sets consent: `granted` sends, `pending` keeps touchpoints on the device, `denied` drops them and clears the queue.
 * @example
 * consent('granted');
 */
export const consent = api.consent;
/**
 * Sends everything queued now; resolves when done (never rejects).
 * @example
 * await flush();
 */
export const flush = api.flush;
/**
 * Forgets the user id, anonymous id, session and attribution (e.g. on logout).
 * @example
 * reset();
 */
export const reset = api.reset;
/**
 * Runs a plugin with the client, e.g. the web-vitals plugin.
 * @example
 * use(vitals);
 */
export const use = api.use;
/** The id of the current page's `page_view`, once tagged. */
export const pageViewId = api.pageViewId;

export { createClient } from './client.js';
export { helpers } from './touchpoints/helpers.js';
export { segmentFormat, segmentBatch } from './send/formats.js';
export { memoryStore, idbStore } from './queue/store.js';
export { supportWidgets } from './touchpoints/widgets/support-widgets.js';
export { intercom, zendesk, crisp, hubspot, tawk, freshchat, type WidgetAdapter } from './touchpoints/widgets/adapters.js';
export type { Client, Config, ConsentState, PayloadFormat, QueueStore, TouchpointError, CheckoutInput, Feature } from './types.js';
