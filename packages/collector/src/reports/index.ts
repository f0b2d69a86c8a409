// `@touchpoint/collector/reports`: the journey, ad-landing, feedback, attribution, checkout-funnel and
// weak-touchpoint reports, read from any Store, and their terminal/CSV/JSON renderings.
export { journeyReport, STAGE_MODELS, type JourneyReport, type StageRow, type StageModel, type ChannelJourney } from './journey.js';
export { abandonment, type AbandonmentRow } from './abandonment.js';
export { adsReport, DEFAULT_ADS_THRESHOLDS, type AdsReport, type AdLandingRow, type AdFlag, type AdsThresholds } from './ads.js';
export { feedbackReport, sentimentOf, SENTIMENT_THRESHOLDS, type FeedbackReport, type FeedbackRow, type Sentiment } from './feedback.js';
export {
  attributionReport, ATTRIBUTION_MODELS, ATTRIBUTION_GROUPS, DEFAULT_LOOKBACK_DAYS,
  type AttributionReport, type AttributionRow, type AttributionModel, type AttributionGroup, type AttributionOptions, type CurrencyRevenue,
} from './attribution.js';
export { REFUND_NAME, NO_CURRENCY } from './conversions.js';
export { funnelReport, DEFAULT_FUNNEL, type FunnelReport, type FunnelSegment, type FunnelStepRow } from './funnel.js';
export {
  weakTouchpointsReport, DEFAULT_WEAK_THRESHOLDS, ERROR_PAGE_NAME,
  type WeakTouchpointsReport, type WeakTouchpoint, type WeakEvidence, type WeakReason, type WeakThresholds,
} from './weak-touchpoints.js';
export { botTouchpoints } from './bots.js';
export type { ReportFilter } from './sql.js';
export { renderJourney, renderAds, renderFeedback, renderAttribution, renderFunnel, renderWeakTouchpoints, type ReportFormat } from './render.js';
export { parseTime, BadParam } from '../admin/params.js';
