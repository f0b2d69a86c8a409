// `@touchpoint/collector/reports`: the journey, ad-landing and feedback reports, read from any Store,
// and their terminal/CSV/JSON renderings.
export { journeyReport, STAGE_MODELS, type JourneyReport, type StageRow, type StageModel, type ChannelJourney, type BreakRow } from './journey.js';
export { adsReport, DEFAULT_ADS_THRESHOLDS, type AdsReport, type AdLandingRow, type AdFlag, type AdsThresholds } from './ads.js';
export { feedbackReport, sentimentOf, SENTIMENT_THRESHOLDS, type FeedbackReport, type FeedbackRow, type Sentiment } from './feedback.js';
export type { ReportFilter } from './sql.js';
export { renderJourney, renderAds, renderFeedback, type ReportFormat } from './render.js';
export { parseTime, BadParam } from '../admin/params.js';
