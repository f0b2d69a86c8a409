// `@touchpoint/collector/reports`: the journey, ad-landing, feedback, attribution, checkout-funnel,
// weak-touchpoint and retention reports and a person's timeline, read from any Store, and their terminal/CSV/JSON renderings.
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
export { retentionReport, periodOf, periodStart, type RetentionReport, type RetentionOptions, type RetentionBy, type RetentionPeriod, type RetentionCohort, type RetentionCell, type RepeatPurchases, type ChannelRetention } from './retention.js';
export { personTimeline, TIMELINE_LIMITS, type Timeline, type TimelineEntry, type TimelineOptions } from './timeline.js';
export { valenceOf, POSITIVE_NAMES, NEGATIVE_WORDS } from './valence.js';
export { renderRetention, renderTimeline } from './render-people.js';
// People: resolving an id to its person, and erasure (a write, kept with the person model it reads).
export { resolvePerson, type Person, type PersonRef } from '../people/resolve-person.js';
export { forgetPerson, type Erasure, type ErasedRows, type ForgetOptions } from '../people/forget-person.js';
export { suppressIds, createSuppressedFilter, type SuppressedIds, type SuppressedFilter } from '../people/suppressed-ids.js';
