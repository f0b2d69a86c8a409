// Reports for every view, carrying markup in every name the data can hold (page titles, campaigns, ad ids,
// touchpoint names, channels, paths), for the escaping and translation tests (unit and Chromium).
import type { Timeline, AdsReport, AttributionReport, ChecksReport, CurrencyRevenue, FeedbackReport, FunnelReport, JourneyReport, RetentionReport, WeakTouchpointsReport } from './reports.js';

/** Markup that would run or make an element if it were ever parsed as HTML. */
export const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';

/** A custom touchpoint name carrying markup (the SDK refuses such names; a hostile writer may not). */
export const HOSTILE_NAME = '<b onmouseover=alert(1)>gift</b>';

const stage = (name: string, visitors: number, conversion: number | null, top: Array<[string, number]>) =>
  ({ stage: name, visitors, touchpoints: top.reduce((s, [, n]) => s + n, 0), topTouchpoints: top.map(([n, count]) => ({ name: n, count })), conversion, medianMsToNext: conversion === null ? null : 95_000 });

export const JOURNEY: JourneyReport = {
  visitors: 5, touchpoints: 19, botTouchpoints: 4,
  stages: {
    phase: [stage('before', 5, 0.6, [['page_view', 6], ['ad_landing', 4]]), stage('during', 3, 0.67, [['begin_checkout', 3], ['add_shipping_info', 3], ['add_payment_info', 3], ['purchase', 3], ['store_visit', 1], ['checkout_step', 1], [HOSTILE_NAME, 1]]), stage('after', 2, null, [['feedback', 3], ['support_open', 2]])],
    p5: [stage('pre_touch', 4, 0.5, [['ad_landing', 4]]), stage('first_touch', 5, 0.6, [['page_view', 6]]), stage('pivotal', 3, 1, [['begin_checkout', 3]]), stage('prime', 3, 0.67, [['purchase', 3]]), stage('post', 2, null, [['feedback', 3]])],
  },
  byChannel: [
    { channel: 'paid_search', visitors: 3, stages: { phase: [{ stage: 'before', visitors: 3, conversion: 0.67 }, { stage: 'during', visitors: 2, conversion: 0.5 }, { stage: 'after', visitors: 1, conversion: null }], p5: [] } },
    { channel: HOSTILE, visitors: 2, stages: { phase: [{ stage: 'before', visitors: 2, conversion: 0.5 }, { stage: 'during', visitors: 1, conversion: 1 }, { stage: 'after', visitors: 1, conversion: null }], p5: [] } },
  ],
  abandonment: [{ name: 'begin_checkout', reached: 4, abandoned: 1, share: 0.25 }, { name: HOSTILE_NAME, reached: 2, abandoned: 1, share: 0.5 }, { name: 'purchase', reached: 3, abandoned: 0, share: 0 }],
};

export const ADS: AdsReport = {
  botTouchpoints: 4,
  rows: [
    { source: 'google', medium: 'cpc', campaign: HOSTILE, term: 'trail', content: HOSTILE, path: '/es/<i>hostile</i>', adId: null, title: HOSTILE, landings: 2, bounceRate: 0.5, signUpRate: 0.5, purchaseRate: 0, lcpP75: 4000, relevance: 12,
      flags: [{ code: 'home_page', message: 'lands on the home page' }, { code: 'form_page', message: 'lands on a bare registration form' }, { code: 'high_bounce', message: 'high bounce: 50%' }, { code: 'slow', message: 'slow: p75 LCP 4.0 s' },
        { code: 'off_topic', message: 'off topic', messages: { en: 'off topic: the page never says «trail»', es: 'fuera de tema: la página no dice «trail»' } }] },
    { source: 'meta', medium: 'paid_social', campaign: 'rebajas', term: null, content: 'carousel', path: '/rebajas', adId: 'ad-home', title: 'Rebajas de invierno', landings: 1, bounceRate: 0, signUpRate: 0, purchaseRate: 1, lcpP75: 1200, relevance: 88, flags: [] },
  ],
};

export const FEEDBACK: FeedbackReport = {
  touchpoints: [
    { touchpoint: 'sign_up', p5: 'pivotal', npsResponses: 1, promoters: 0, passives: 0, detractors: 1, nps: -100, csatResponses: 0, csat: null, sentiment: 'negative' },
    { touchpoint: 'purchase', p5: 'prime', npsResponses: 4, promoters: 2, passives: 2, detractors: 0, nps: 50, csatResponses: 2, csat: 1, sentiment: 'positive' },
    { touchpoint: HOSTILE_NAME, p5: null, npsResponses: 2, promoters: 1, passives: 0, detractors: 1, nps: 0, csatResponses: 1, csat: 0.5, sentiment: 'neutral' },
  ],
};

export const CHECKS: ChecksReport = {
  results: [
    { adId: HOSTILE, status: 404, droppedParams: ['utm_source', 'gclid'], totalMs: 5200, relevance: { score: 20 }, ok: false, checkedAt: Date.UTC(2026, 0, 5, 12),
      problems: [{ code: 'http_error', message: '404 Not Found' }, { code: 'dropped_params', message: 'redirect drops utm_source, gclid' }, { code: 'slow', message: 'slow: 5.2 s' }, { code: 'redirect_loop', message: 'redirect loop: a → b' }],
      visitors: { landings: 2, bounceRate: 0.5, signUpRate: 0.5, lcpP75: 4000 } },
    { adId: 'ad-trail', status: 200, droppedParams: [], totalMs: 300, relevance: { score: 81 }, ok: true, checkedAt: Date.UTC(2026, 0, 5, 12), problems: [], visitors: null },
  ],
};

const eur = (orders: number, gross: number, refunds = 0): CurrencyRevenue => ({ currency: 'EUR', orders, gross, refunds, net: gross - refunds, averageOrderValue: orders ? (gross - refunds) / orders : null });

export const ATTRIBUTION: AttributionReport = {
  model: 'last_non_direct', lookbackDays: 30, by: 'channel', botTouchpoints: 4, unmatchedRefunds: 1,
  totals: { signUps: 2, purchases: 4, revenue: [eur(3, 387, 30), { currency: 'USD', orders: 1, gross: 40, refunds: 0, net: 40, averageOrderValue: 40 }] },
  rows: [
    { key: 'paid_search', signUps: 1, purchases: 2, revenue: [eur(2, 258)] },
    { key: 'email', signUps: 0.5, purchases: 1.5, revenue: [eur(1, 129, 30), { currency: 'USD', orders: 0.5, gross: 40, refunds: 0, net: 40, averageOrderValue: 80 }] },
    { key: HOSTILE, signUps: 0.5, purchases: 0.5, revenue: [] },
    { key: null, signUps: 0, purchases: 0, revenue: [] },
  ],
};

const steps = (people: number[]) => people.map((n, i) => ({ step: ['begin_checkout', 'add_shipping_info', HOSTILE_NAME, 'add_payment_info', 'purchase'][i]!, people: n, dropOff: i ? people[i - 1]! - n : 0, conversion: i ? (people[i - 1] ? n / people[i - 1]! : null) : null }));

export const FUNNEL: FunnelReport = {
  botTouchpoints: 4,
  steps: ['begin_checkout', 'add_shipping_info', HOSTILE_NAME, 'add_payment_info', 'purchase'],
  overall: steps([4, 3, 3, 3, 3]),
  byChannel: [{ key: 'paid_search', people: 3, steps: steps([3, 2, 2, 2, 2]) }, { key: HOSTILE, people: 1, steps: steps([1, 1, 1, 1, 1]) }],
  byDevice: [{ key: 'mobile', people: 3, steps: steps([3, 2, 2, 2, 2]) }, { key: 'unknown', people: 1, steps: steps([1, 1, 1, 1, 1]) }],
};

export const WEAK: WeakTouchpointsReport = {
  botTouchpoints: 4,
  items: [
    { name: 'sign_up', path: null, score: 5, evidence: [
      { signal: 'feedback', class: 'negative', reason: { code: 'nps', values: { nps: -100, responses: 1, detractors: 1 } }, impact: 1 },
      { signal: 'abandonment', class: 'negative', reason: { code: 'abandoned_after', values: { abandoned: 2, reached: 5, share: 0.4 } }, impact: 2 },
      { signal: 'support', class: 'negative', reason: { code: 'support_soon_after', values: { contacts: 2, withinMinutes: 10 } }, impact: 2 },
      { signal: 'feedback', class: 'positive', reason: { code: 'csat', values: { csat: 0.9, responses: 10, dissatisfied: 1 } }, impact: 0 }] },
    { name: 'page_view', path: '/es/<i>hostile</i>', score: 3, evidence: [
      { signal: 'speed', class: 'negative', reason: { code: 'lcp_p75', values: { p75Ms: 4000, samples: 4, slowSamples: 3, limitMs: 2500 } }, impact: 3 },
      { signal: 'error', class: 'negative', reason: { code: 'error_page', values: { views: 2, people: 1 } }, impact: 1 }] },
    { name: HOSTILE_NAME, path: null, score: 2, evidence: [
      { signal: 'ad_landing', class: 'negative', reason: { code: 'ad_flag_home_page', values: { landings: 2 } }, impact: 2 },
      { signal: 'ad_landing', class: 'neutral', reason: { code: 'ad_flag_high_bounce', values: { landings: 2 } }, impact: 0 }] },
  ],
};

const DAY = 86_400_000;
const cells = (people: number, returned: number[]) => returned.map((n, i) => ({ offset: i + 1, returned: n, returnedShare: n / people, boughtAgain: 0, boughtAgainShare: 0 }));

export const RETENTION: RetentionReport = {
  by: 'purchase', period: 'week', botTouchpoints: 4,
  cohorts: [
    { start: Date.UTC(2026, 0, 5), people: 10, periods: cells(10, [6, 4, 3, 2, 1]) },
    { start: Date.UTC(2026, 0, 5) + 7 * DAY, people: 8, periods: cells(8, [3, 2]) },
    { start: Date.UTC(2026, 0, 5) + 14 * DAY, people: 5, periods: [] },
  ],
};

export const TIMELINE: Timeline = {
  truncated: true,
  touchpoints: [
    { id: 'a', ts: Date.UTC(2026, 0, 5, 9), name: 'ad_landing', phase: 'before', p5: 'pre_touch', valence: 'neutral', channel: 'paid_search', device: 'mobile', campaign: { source: 'google', medium: 'cpc', campaign: HOSTILE }, path: '/es/<i>hostile</i>' },
    { id: 'b', ts: Date.UTC(2026, 0, 5, 9, 5), name: HOSTILE_NAME, phase: null, p5: null, valence: 'negative', channel: 'direct', device: null, campaign: null, path: null },
    { id: 'c', ts: Date.UTC(2026, 0, 6, 10), name: 'order_delivered', phase: 'after', p5: 'post', valence: 'positive', channel: 'direct', device: null, campaign: null, path: null },
  ],
};

/** The report each endpoint answers (paths as the views ask for them, without the query). */
export const REPORTS: Record<string, unknown> = {
  '/api/reports/journey': JOURNEY, '/api/reports/ads': ADS, '/api/reports/feedback': FEEDBACK, '/api/check-ads': CHECKS,
  '/api/reports/attribution': ATTRIBUTION, '/api/reports/funnel': FUNNEL, '/api/reports/weak-touchpoints': WEAK, '/api/reports/retention': RETENTION, '/api/people/timeline': TIMELINE,
};
