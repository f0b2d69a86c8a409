export { journeyReport, STAGE_MODELS, type JourneyReport, type StageRow, type StageModel, type ChannelJourney, type BreakRow } from './journey';
export { adsReport, DEFAULT_ADS_THRESHOLDS, type AdsReport, type AdLandingRow, type AdFlag, type AdsThresholds } from './ads';
export { feedbackReport, sentimentOf, SENTIMENT_THRESHOLDS, type FeedbackReport, type FeedbackRow, type Sentiment } from './feedback';
export { filterSql, VISITOR, type ReportFilter } from './sql';
export { seed, sampleEvents, toStoredEvent, SAMPLE_START, type SeedEvent } from './fixtures';
export { formatTable, formatCsv, type Column } from './format';
export { renderJourney, renderAds, renderFeedback, duration, type ReportFormat } from './render';
