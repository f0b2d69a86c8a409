export { journeyReport, STAGE_MODELS, type JourneyReport, type StageRow, type StageModel, type ChannelJourney, type BreakRow } from './journey.js';
export { adsReport, DEFAULT_ADS_THRESHOLDS, type AdsReport, type AdLandingRow, type AdFlag, type AdsThresholds } from './ads.js';
export { feedbackReport, sentimentOf, SENTIMENT_THRESHOLDS, type FeedbackReport, type FeedbackRow, type Sentiment } from './feedback.js';
export { filterSql, VISITOR, type ReportFilter } from './sql.js';
export { seed, sampleEvents, toStoredEvent, SAMPLE_START, type SeedEvent } from './fixtures.js';
export { formatTable, formatCsv, type Column } from './format.js';
export { renderJourney, renderAds, renderFeedback, duration, type ReportFormat } from './render.js';
