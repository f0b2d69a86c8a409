import type { CheckoutStep } from './names.js';

/**
 * Property conventions of the built-in touchpoints: what the SDK puts in `properties` and what the
 * collector's reports read. Keys are snake_case on the wire.
 */

/** `ad_landing`: the landing page's content signals a relevance check needs (the campaign is in `event.campaign`). */
export interface AdLandingProperties {
  title?: string;
  /** `<meta name="description">` */
  description?: string;
  /** text of the first `<h1>` */
  h1?: string;
  /** `<link rel="canonical">` href */
  canonical?: string;
  path: string;
  /** the landing page is the site's home page (`/`, `/index.html`, or a bare language root such as `/es/`) */
  is_home: boolean;
  /** the page is only a sign-up/registration form, by the one rule of `isFormPage` (landing-page.ts) */
  is_form: boolean;
  /** `<html lang>` */
  lang?: string;
}

/** `feedback`: a score given to a touchpoint. NPS is 0–10; CSAT is 1–5. */
export interface FeedbackProperties {
  score: number;
  scale: 'nps' | 'csat';
  /** name of the touchpoint rated, e.g. `purchase` or `support_open` */
  touchpoint?: string;
  /** id of the rated touchpoint event, when known */
  touchpoint_id?: string;
  comment?: string;
}

/** `web_vitals`: one metric of the page view it belongs to (sent as the web-vitals library reports it). */
export interface WebVitalsProperties {
  metric: 'LCP' | 'INP' | 'CLS' | 'FCP' | 'TTFB';
  /** ms, except CLS (unitless) */
  value: number;
  rating: 'good' | 'needs-improvement' | 'poor';
  /** id of the `page_view` event this metric belongs to */
  page_view_id: string;
}

/** Checkout touchpoints (`begin_checkout`, `add_shipping_info`, `add_payment_info`, `purchase`, or `checkout_step`). */
export interface CheckoutProperties {
  step: CheckoutStep | string;
  step_number: number;
  value?: number;
  /** ISO 4217, e.g. `EUR` */
  currency?: string;
  order_id?: string;
  items?: Array<{ id: string; name?: string; price?: number; quantity?: number; category?: string }>;
}

/** `support_open`: which widget was opened. */
export interface SupportOpenProperties {
  /** `intercom`, `zendesk`, `crisp`, `hubspot`, `tawk`, `freshchat` or the site's own name */
  widget: string;
}
