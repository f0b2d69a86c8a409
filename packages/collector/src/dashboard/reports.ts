// The JSON the dashboard reads, as declared by the collector's reports (packages/collector/src/reports,
// check-ads). Kept here as types only: the browser code imports nothing from the Node side.
// Reports being built for issue 23 (attribution, checkout, what to fix first, retention) are declared
// from the issue; a view whose endpoint answers 404 is hidden.
import type { Coded } from './problems.js';

/** Present on reports that leave bots out: how many touchpoints from bots were hidden (0 when included). */
export interface BotCount {
  botTouchpoints?: number;
}

/** One stage of a journey model (reports/journey.ts StageRow). */
export interface StageRow {
  stage: string;
  visitors: number;
  touchpoints: number;
  /** touchpoint names of the stage, most frequent first */
  topTouchpoints: Array<{ name: string; count: number }>;
  /** distinct touchpoint names in the stage, when the report sends it (for "+N more") */
  touchpointNames?: number;
  conversion: number | null;
  medianMsToNext: number | null;
}

/** A step people reached and did not go on from (the `abandonment` list replacing `breaks`). */
export interface AbandonmentRow {
  /** the touchpoint name of the step */
  name: string;
  /** people who reached it */
  reached: number;
  /** of them, people who did not go on */
  left: number;
  /** left / reached */
  share: number;
}

/** reports/journey.ts JourneyReport */
export interface JourneyReport extends BotCount {
  visitors: number;
  touchpoints: number;
  stages: Record<'phase' | 'p5', StageRow[]>;
  byChannel: Array<{ channel: string; visitors: number; stages: Record<'phase' | 'p5', Array<Pick<StageRow, 'stage' | 'visitors' | 'conversion'>>> }>;
  /** where sessions end (being replaced by `abandonment`) */
  breaks?: Array<{ name: string; sessions: number; endedAfter: number; share: number }>;
  abandonment?: AbandonmentRow[];
}

/** A flag on an ad landing (reports/ads.ts AdFlag). */
export type AdFlag = Coded;

/** reports/ads.ts AdLandingRow */
export interface AdLandingRow {
  source: string | null; medium: string | null; campaign: string | null; term: string | null; content: string | null;
  path: string | null; adId: string | null; title: string | null;
  landings: number; bounceRate: number; signUpRate: number; purchaseRate: number; lcpP75: number | null;
  relevance: number;
  flags: AdFlag[];
}

/** reports/ads.ts AdsReport */
export interface AdsReport extends BotCount {
  rows: AdLandingRow[];
}

/** reports/feedback.ts: one rated touchpoint */
export interface FeedbackRow {
  touchpoint: string; p5: string | null;
  npsResponses: number; promoters: number; passives: number; detractors: number; nps: number | null;
  csatResponses: number; csat: number | null;
  sentiment: 'positive' | 'neutral' | 'negative';
}

/** reports/feedback.ts FeedbackReport */
export interface FeedbackReport extends BotCount {
  touchpoints: FeedbackRow[];
}

/** check-ads CheckResult, with what visitors saw (with-visits.ts) */
export interface CheckResult {
  adId: string;
  status: number;
  droppedParams: string[];
  totalMs?: number;
  relevance?: { score: number };
  problems: Coded[];
  ok: boolean;
  checkedAt: number;
  visitors?: { landings: number; bounceRate: number; signUpRate: number; lcpP75: number | null } | null;
}

/** GET /api/check-ads */
export interface ChecksReport {
  results: CheckResult[];
}

/** An amount of one currency (never converted). */
export interface Money {
  currency: string;
  amount: number;
}

/** Attribution models (GA4's default rule first). */
export type AttributionModel = 'last_non_direct' | 'first_touch' | 'linear';

/** What conversions are credited to. */
export type AttributionDimension = 'channel' | 'campaign' | 'ad' | 'landing';

/** One channel, campaign, ad or landing page with the conversions and revenue credited to it. */
export interface AttributionRow {
  /** the channel, campaign, ad (`utm_content`) or landing path */
  key: string;
  /** conversions credited (fractional under the linear model) */
  conversions: number;
  orders: number;
  /** purchase values summed per currency, refunds subtracted */
  revenue: Money[];
  /** refunds subtracted from `revenue`, per currency */
  refunds?: Money[];
  /** average order value per currency */
  aov: Money[];
}

/** GET /api/reports/attribution?model=&lookback= */
export interface AttributionReport extends BotCount {
  model: AttributionModel;
  lookbackDays: number;
  /** rows per dimension, most revenue first */
  rows: Record<AttributionDimension, AttributionRow[]>;
}

/** One step of the checkout funnel. */
export interface FunnelStep {
  /** the step's touchpoint name (begin_checkout, add_shipping_info, …, or a site's own) */
  step: string;
  people: number;
  /** share of the previous step's people who did not reach this one; null for the first */
  dropOff: number | null;
}

/** GET /api/reports/checkout */
export interface FunnelReport extends BotCount {
  steps: FunnelStep[];
}

/** One weak (or strong) touchpoint, ranked. */
export interface FixItem {
  touchpoint: string;
  class: 'positive' | 'neutral' | 'negative';
  /** the main reason, as a code (low_nps, low_csat, abandonment, support_after, error_page, slow_lcp, bad_ad_landing, good_feedback) */
  reason: string;
  /** the value behind the reason (an NPS, a share, a duration in ms), shown beside it */
  value?: number | null;
  /** further reasons, same shape */
  evidence?: Array<{ reason: string; value?: number | null }>;
}

/** GET /api/reports/fix-first */
export interface FixFirstReport extends BotCount {
  items: FixItem[];
}

/** One cohort: people first seen in a period, and how many came back in each later one. */
export interface Cohort {
  /** ISO day the cohort's period starts */
  start: string;
  people: number;
  /** people active in period 0, 1, 2, … after the first (index 0 = the first period itself) */
  active: number[];
}

/** GET /api/reports/retention */
export interface RetentionReport extends BotCount {
  period: 'week' | 'month';
  cohorts: Cohort[];
}
