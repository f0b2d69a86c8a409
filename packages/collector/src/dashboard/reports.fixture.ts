// Reports for every view, carrying markup in every name the data can hold (page titles, campaigns, ad ids,
// touchpoint names, channels, paths), for the escaping and translation tests (unit and Chromium).
import type { AdsReport, AttributionReport, ChecksReport, FeedbackReport, FixFirstReport, FunnelReport, JourneyReport, RetentionReport } from './reports.js';

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
  abandonment: [{ name: 'begin_checkout', reached: 4, left: 1, share: 0.25 }, { name: HOSTILE_NAME, reached: 2, left: 1, share: 0.5 }, { name: 'purchase', reached: 3, left: 0, share: 0 }],
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

export const ATTRIBUTION: AttributionReport = {
  model: 'last_non_direct', lookbackDays: 30, botTouchpoints: 4,
  rows: {
    channel: [{ key: 'paid_search', conversions: 2, orders: 2, revenue: [{ currency: 'EUR', amount: 258 }], aov: [{ currency: 'EUR', amount: 129 }] },
      { key: 'email', conversions: 1.5, orders: 1, revenue: [{ currency: 'EUR', amount: 99 }, { currency: 'USD', amount: 40 }], refunds: [{ currency: 'EUR', amount: 30 }], aov: [{ currency: 'EUR', amount: 99 }, { currency: 'USD', amount: 40 }] },
      { key: HOSTILE, conversions: 0.5, orders: 0, revenue: [], aov: [] }],
    campaign: [{ key: HOSTILE, conversions: 1, orders: 1, revenue: [{ currency: 'EUR', amount: 129 }], aov: [{ currency: 'EUR', amount: 129 }] }],
    ad: [{ key: HOSTILE, conversions: 1, orders: 1, revenue: [{ currency: 'EUR', amount: 129 }], aov: [{ currency: 'EUR', amount: 129 }] }],
    landing: [{ key: '/es/<i>hostile</i>', conversions: 1, orders: 1, revenue: [{ currency: 'EUR', amount: 129 }], aov: [{ currency: 'EUR', amount: 129 }] }],
  },
};

export const FUNNEL: FunnelReport = {
  steps: [{ step: 'begin_checkout', people: 4, dropOff: null }, { step: 'add_shipping_info', people: 3, dropOff: 0.25 }, { step: HOSTILE_NAME, people: 3, dropOff: 0 }, { step: 'add_payment_info', people: 3, dropOff: 0 }, { step: 'purchase', people: 3, dropOff: 0 }],
};

export const FIX_FIRST: FixFirstReport = {
  items: [
    { touchpoint: 'sign_up', class: 'negative', reason: 'low_nps', value: -100, evidence: [{ reason: 'abandonment', value: 0.4 }, { reason: 'support_after', value: 0.2 }] },
    { touchpoint: HOSTILE_NAME, class: 'negative', reason: 'slow_lcp', value: 4000, evidence: [{ reason: 'error_page', value: 0.1 }, { reason: 'bad_ad_landing', value: 12 }, { reason: 'low_csat', value: 0.5 }] },
    { touchpoint: 'begin_checkout', class: 'neutral', reason: 'no_signal' },
    { touchpoint: 'purchase', class: 'positive', reason: 'good_feedback', value: 0.9 },
  ],
};

export const RETENTION: RetentionReport = {
  period: 'week',
  cohorts: [{ start: '2026-01-05', people: 10, active: [10, 6, 4, 3, 2, 1] }, { start: '2026-01-12', people: 8, active: [8, 3, 2] }, { start: '2026-01-19', people: 5, active: [5] }],
};

/** The report each endpoint answers (paths as the views ask for them, without the query). */
export const REPORTS: Record<string, unknown> = {
  '/api/reports/journey': JOURNEY, '/api/reports/ads': ADS, '/api/reports/feedback': FEEDBACK, '/api/check-ads': CHECKS,
  '/api/reports/attribution': ATTRIBUTION, '/api/reports/checkout': FUNNEL, '/api/reports/fix-first': FIX_FIRST, '/api/reports/retention': RETENTION,
};
