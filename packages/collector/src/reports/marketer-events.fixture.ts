// Hand-computed datasets of the marketer's reports (attribution, revenue, the funnel, what to fix first):
// the expectations in marketer-suite.fixture.ts are worked out from the comments here.
import type { Campaign } from '@touchpoint/schema';
import { linkBrowser } from '../store/link-browser.fixture.js';
import type { Store } from '../store/types.js';
import type { SeedEvent } from './sample-events.fixture.js';

const DAY = 86_400_000;
const MIN = 60_000;
/** The moment person A buys (2026-03-10 10:00 UTC); the range of the tests is [T − 5 days, T + 1 day). */
export const T = Date.UTC(2026, 2, 10, 10, 0, 0);
export const RANGE = { from: T - 5 * DAY, to: T + DAY };

const old: Campaign = { source: 'google', medium: 'cpc', campaign: 'old', content: 'ad-old' };
const newsletter: Campaign = { source: 'newsletter', medium: 'email', campaign: 'newsletter' };
const rebajas: Campaign = { source: 'meta', medium: 'paid_social', campaign: 'rebajas', content: 'ad-home' };
/** A campaign name carrying markup: reports hand it on as data, unchanged. */
export const MARKUP_CAMPAIGN = '<b>trail</b><img src=x onerror=alert(1)>';
const trail: Campaign = { source: 'google', medium: 'cpc', campaign: MARKUP_CAMPAIGN, content: 'ad-trail' };

/**
 * Attribution, revenue and funnel dataset:
 * - A (user `ana`, two browsers a1 and a2, linked to `u:ana`): a1 came by the `old` ad 40 days before T
 *   (outside the 30-day window) and by the newsletter 10 days before T (before the range, inside the
 *   window); a2 by the `rebajas` ad 2 days before T (landing + page view, one arrival); a2 signs up at T − 1 h
 *   and buys order o1 (100 EUR) at T, the thank-you page sending o1 again a minute later. No checkout steps.
 * - B (b1, desktop): the trail ad (markup in its campaign name) at T − 1 day, all four checkout steps,
 *   order o2 (50 USD) at +4 min, order o3 (30 EUR) at +30 min; 10 EUR of o3 refunded at T.
 * - C (c1, desktop, direct): begins checkout and gives shipping at T − 3 days, then leaves.
 * - D (d1, direct): buys o4 (20, currency `eur`) at T − 12 h; o4 refunded whole (no value) at T + 1 h.
 * - E (e1, mobile, organic search): begins checkout, skips shipping, pays, buys o5 (0 EUR value absent).
 * - a refund of an order nobody bought (ox); a bot that lands and buys.
 */
export function attributionEvents(): SeedEvent[] {
  const land = (visitor: string, session: string, ts: number, campaign: Campaign, channel: SeedEvent['channel'], path: string, user?: string): SeedEvent[] => [
    { name: 'ad_landing', ts, visitor, user, session, path, channel, campaign, properties: { path, is_home: path === '/', is_form: false } },
    { name: 'page_view', ts, visitor, user, session, path, channel, campaign },
  ];
  return [
    { name: 'page_view', ts: T - 40 * DAY, visitor: 'a1', session: 'a1-s1', path: '/old', channel: 'paid_search', campaign: old },
    { name: 'page_view', ts: T - 10 * DAY, visitor: 'a1', session: 'a1-s2', path: '/news', channel: 'email', campaign: newsletter },
    { name: 'page_view', ts: T - 10 * DAY + MIN, visitor: 'a1', session: 'a1-s2', path: '/shoes', channel: 'direct' },
    ...land('a2', 'a2-s1', T - 2 * DAY, rebajas, 'paid_social', '/'),
    { name: 'sign_up', ts: T - 60 * MIN, visitor: 'a2', session: 'a2-s2', path: '/registro', channel: 'direct' },
    { name: 'purchase', ts: T, visitor: 'a2', user: 'ana', session: 'a2-s2', path: '/gracias', channel: 'direct', properties: { order_id: 'o1', value: 100, currency: 'EUR' } },
    { name: 'purchase', ts: T + MIN, visitor: 'a2', user: 'ana', session: 'a2-s2', path: '/gracias', channel: 'direct', properties: { order_id: 'o1', value: 100, currency: 'EUR' } },

    ...land('b1', 'b1-s1', T - DAY, trail, 'paid_search', '/es/trail'),
    ...['begin_checkout', 'add_shipping_info', 'add_payment_info'].map((name, i): SeedEvent => ({ name, ts: T - DAY + (i + 1) * MIN, visitor: 'b1', session: 'b1-s1', path: '/checkout', channel: 'direct', device: 'desktop' })),
    { name: 'purchase', ts: T - DAY + 4 * MIN, visitor: 'b1', session: 'b1-s1', path: '/gracias', channel: 'direct', device: 'desktop', properties: { order_id: 'o2', value: 50, currency: 'USD' } },
    { name: 'purchase', ts: T - DAY + 30 * MIN, visitor: 'b1', session: 'b1-s1', path: '/gracias', channel: 'direct', device: 'desktop', properties: { order_id: 'o3', revenue: 30, currency: 'EUR' } },
    { name: 'refund_issued', ts: T, visitor: null, user: null, channel: 'direct', properties: { order_id: 'o3', value: 10, currency: 'EUR' } },

    { name: 'page_view', ts: T - 3 * DAY, visitor: 'c1', session: 'c1-s1', path: '/', channel: 'direct', device: 'desktop' },
    { name: 'begin_checkout', ts: T - 3 * DAY + MIN, visitor: 'c1', session: 'c1-s1', path: '/checkout', channel: 'direct', device: 'desktop' },
    { name: 'add_shipping_info', ts: T - 3 * DAY + 2 * MIN, visitor: 'c1', session: 'c1-s1', path: '/checkout', channel: 'direct', device: 'desktop' },

    { name: 'page_view', ts: T - 12 * 60 * MIN, visitor: 'd1', session: 'd1-s1', path: '/', channel: 'direct' },
    { name: 'purchase', ts: T - 12 * 60 * MIN + MIN, visitor: 'd1', session: 'd1-s1', path: '/gracias', channel: 'direct', properties: { order_id: 'o4', value: 20, currency: 'eur' } },
    { name: 'refund_issued', ts: T + 60 * MIN, channel: 'direct', properties: { order_id: 'o4' } },
    { name: 'refund_issued', ts: T, channel: 'direct', properties: { order_id: 'ox', value: 5, currency: 'EUR' } },

    { name: 'page_view', ts: T - 2 * DAY, visitor: 'e1', session: 'e1-s1', path: '/blog', channel: 'organic_search', device: 'mobile' },
    { name: 'begin_checkout', ts: T - 2 * DAY + MIN, visitor: 'e1', session: 'e1-s1', path: '/checkout', channel: 'direct', device: 'mobile' },
    { name: 'add_payment_info', ts: T - 2 * DAY + 2 * MIN, visitor: 'e1', session: 'e1-s1', path: '/checkout', channel: 'direct', device: 'mobile' },
    { name: 'purchase', ts: T - 2 * DAY + 3 * MIN, visitor: 'e1', session: 'e1-s1', path: '/gracias', channel: 'direct', device: 'mobile', properties: { order_id: 'o5', currency: 'EUR' } },

    ...land('bot', 'bot-s', T - 60 * MIN, trail, 'paid_search', '/es/trail').map((e) => ({ ...e, bot: true })),
    { name: 'purchase', ts: T - 59 * MIN, visitor: 'bot', session: 'bot-s', channel: 'direct', bot: true, properties: { order_id: 'ob', value: 999, currency: 'EUR' } },
  ];
}

/**
 * Links A's two browsers to `u:ana`, as the identity work does when a browser is identified (a2's is
 * already written by the store: its purchase carries the user id).
 */
export async function linkAna(store: Store, site: string): Promise<void> {
  for (const id of ['a1', 'a2']) {
    await linkBrowser(store, site, id, 'u:ana', T);
  }
}

/**
 * What-to-fix-first dataset (one day, from W):
 * - P1: /, begin_checkout, add_shipping_info, a support contact 3 min later; landed by an ad on a bare
 *   registration form (/registro).
 * - P2: /, begin_checkout, add_shipping_info; the error page /checkout/pay twice.
 * - P3: /, begin_checkout, add_shipping_info, add_payment_info, purchase; the error page once.
 * - P4: /, begin_checkout; a support contact 20 min later (outside the 10 min).
 * - CSAT of add_shipping_info: 1, 2, 5 (P1–P3); NPS of purchase: 10, 9.
 * - LCP on /: 1000, 1200, 900 (p75 1200); on /checkout: 3000, 3500, 1000, 4000 (p75 3500, 3 above 2500).
 */
export const W = Date.UTC(2026, 2, 20, 9, 0, 0);
export function weakEvents(): SeedEvent[] {
  const at = (min: number) => W + min * MIN;
  const steps = (v: string, start: number, names: string[]): SeedEvent[] => names.map((name, i) => ({
    name, ts: at(start + i), visitor: v, session: `${v}-s`, path: name === 'page_view' ? '/' : '/checkout', channel: 'direct',
  }));
  const lcp = (v: string, min: number, path: string, value: number): SeedEvent => ({ name: 'web_vitals', ts: at(min), visitor: v, session: `${v}-s`, path, channel: 'direct', properties: { metric: 'LCP', value, rating: 'good', page_view_id: 'x' } });
  const csat = (v: string, min: number, score: number): SeedEvent => ({ name: 'feedback', ts: at(min), visitor: v, session: `${v}-s`, path: '/checkout', channel: 'direct', properties: { score, scale: 'csat', touchpoint: 'add_shipping_info' } });
  return [
    { name: 'ad_landing', ts: at(0), visitor: 'p1', session: 'p1-s', path: '/registro', title: 'Zapatillas', channel: 'paid_search', campaign: { source: 'google', medium: 'cpc', campaign: 'zapatillas', term: 'zapatillas', content: 'ad-z' },
      properties: { path: '/registro', title: 'Zapatillas', h1: 'Zapatillas', is_home: false, is_form: true } },
    ...steps('p1', 0, ['page_view', 'begin_checkout', 'add_shipping_info']),
    { name: 'support_open', ts: at(2 + 3), visitor: 'p1', session: 'p1-s', path: '/checkout', channel: 'direct', properties: { widget: 'crisp' } },
    ...steps('p2', 10, ['page_view', 'begin_checkout', 'add_shipping_info']),
    { name: 'error_page', ts: at(13), visitor: 'p2', session: 'p2-s', path: '/checkout/pay', channel: 'direct', properties: { status: 500 } },
    { name: 'error_page', ts: at(14), visitor: 'p2', session: 'p2-s', path: '/checkout/pay', channel: 'direct', properties: { status: 500 } },
    ...steps('p3', 20, ['page_view', 'begin_checkout', 'add_shipping_info', 'add_payment_info', 'purchase']),
    { name: 'error_page', ts: at(21), visitor: 'p3', session: 'p3-s', path: '/checkout/pay', channel: 'direct', properties: { status: 500 } },
    ...steps('p4', 30, ['page_view', 'begin_checkout']),
    { name: 'support_open', ts: at(31 + 20), visitor: 'p4', session: 'p4-s', path: '/checkout', channel: 'direct', properties: { widget: 'crisp' } },
    csat('p1', 40, 1), csat('p2', 41, 2), csat('p3', 42, 5),
    { name: 'feedback', ts: at(43), visitor: 'p3', session: 'p3-s', path: '/gracias', channel: 'direct', properties: { score: 10, scale: 'nps', touchpoint: 'purchase' } },
    { name: 'feedback', ts: at(44), visitor: 'p1', session: 'p1-s', path: '/gracias', channel: 'direct', properties: { score: 9, scale: 'nps', touchpoint: 'purchase' } },
    lcp('p1', 0, '/', 1000), lcp('p2', 10, '/', 1200), lcp('p3', 20, '/', 900),
    lcp('p1', 1, '/checkout', 3000), lcp('p2', 11, '/checkout', 3500), lcp('p3', 21, '/checkout', 1000), lcp('p4', 31, '/checkout', 4000),
  ];
}
