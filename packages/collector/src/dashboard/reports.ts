// The JSON the dashboard reads, as declared by the collector's reports (packages/collector/src/reports,
// check-ads). Kept here as types only: the browser code imports nothing from the Node side.
// A view whose endpoint answers 404 (a collector without that report) is hidden.
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

/** A touchpoint where people stopped without buying (reports/abandonment.ts, replacing `breaks`). */
export interface AbandonmentRow {
  /** the touchpoint name of the step */
  name: string;
  /** people who reached it */
  reached: number;
  /** of them, people whose journey ended there without a purchase */
  abandoned: number;
  /** abandoned / reached */
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

/** Attribution models (reports/attribution.ts ATTRIBUTION_MODELS; GA4's default rule first). */
export type AttributionModel = 'last_non_direct' | 'first_touch' | 'linear';

/** What conversions are credited to (ATTRIBUTION_GROUPS). */
export type AttributionDimension = 'channel' | 'campaign' | 'ad' | 'landing';

/** Revenue in one currency, never converted (reports/attribution.ts CurrencyRevenue). */
export interface CurrencyRevenue {
  currency: string;
  orders: number;
  gross: number;
  /** refunded, as a positive amount */
  refunds: number;
  /** gross − refunds */
  net: number;
  averageOrderValue: number | null;
}

/** Conversions and revenue credited to one channel, campaign, ad or landing page (fractional under `linear`). */
export interface AttributionRow {
  /** null for arrivals without one */
  key: string | null;
  signUps: number;
  purchases: number;
  revenue: CurrencyRevenue[];
}

/** GET /api/reports/attribution?model=&lookbackDays=&by= */
export interface AttributionReport extends BotCount {
  model: AttributionModel;
  lookbackDays: number;
  by: AttributionDimension;
  /** every conversion of the range once */
  totals: Omit<AttributionRow, 'key'>;
  rows: AttributionRow[];
  /** refunds whose order is not a purchase of the range: not subtracted */
  unmatchedRefunds: number;
}

/** One step of the checkout funnel (reports/funnel.ts FunnelStepRow). */
export interface FunnelStep {
  /** the step's touchpoint name */
  step: string;
  people: number;
  /** people who reached the step before and not this one (0 for the first) */
  dropOff: number;
  /** people / people at the step before; null for the first */
  conversion: number | null;
}

/** The funnel of the people of one channel or device. */
export interface FunnelSegment {
  key: string;
  people: number;
  steps: FunnelStep[];
}

/** GET /api/reports/funnel */
export interface FunnelReport extends BotCount {
  steps: string[];
  overall: FunnelStep[];
  byChannel: FunnelSegment[];
  byDevice: FunnelSegment[];
}

/**
 * Why a piece of evidence is classed as it is: a code the dashboard words, and its numbers
 * (`nps`, `csat`, `abandoned_after`, `support_soon_after`, `error_page`, `lcp_p75`, `ad_flag_<flag>`).
 */
export interface WeakReason {
  code: string;
  values: Record<string, number>;
}

/** One signal about a touchpoint, classed. */
export interface WeakEvidence {
  signal: 'feedback' | 'abandonment' | 'support' | 'error' | 'speed' | 'ad_landing';
  class: 'positive' | 'neutral' | 'negative';
  reason: WeakReason;
  impact: number;
}

/** One weak touchpoint (reports/weak-touchpoints.ts). */
export interface WeakTouchpoint {
  name: string;
  /** the page, for page-level touchpoints */
  path: string | null;
  score: number;
  /** negative evidence first */
  evidence: WeakEvidence[];
}

/** GET /api/reports/weak-touchpoints */
export interface WeakTouchpointsReport extends BotCount {
  items: WeakTouchpoint[];
}

/** One later period of a cohort (reports/retention.ts RetentionCell). */
export interface RetentionCell {
  /** periods after the cohort's own (1 = the next) */
  offset: number;
  returned: number;
  returnedShare: number;
  boughtAgain: number;
  boughtAgainShare: number;
}

/** The people whose first purchase (or touchpoint) fell in one period. */
export interface RetentionCohort {
  /** start of the period, ms since epoch (UTC) */
  start: number;
  people: number;
  periods: RetentionCell[];
}

/** GET /api/reports/retention */
export interface RetentionReport extends BotCount {
  by: 'purchase' | 'touchpoint';
  period: 'week' | 'month';
  cohorts: RetentionCohort[];
}

/** One touchpoint of a person's timeline (reports/timeline.ts TimelineEntry). */
export interface TimelineEntry {
  id: string;
  ts: number;
  name: string;
  p5: string | null;
  phase: string | null;
  /** how it feels to the customer */
  valence: 'positive' | 'neutral' | 'negative';
  channel: string;
  device: string | null;
  campaign: { source: string | null; medium: string | null; campaign: string | null } | null;
  path: string | null;
}

/** GET /api/people/timeline?site=&user= (or &anonymous=) */
export interface Timeline {
  touchpoints: TimelineEntry[];
  /** more touchpoints than shown (the newest left out) */
  truncated: boolean;
}
