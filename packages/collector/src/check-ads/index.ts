// `@touchpoint/collector/check-ads`: the ad-link checker, the ad catalogue it reads, and the relevance
// score and page signals it shares with the ads report.
export { checkAd, type CheckResult, type CheckOptions, type Hop, type Problem } from './check-ad.js';
export { runChecks, type RunOptions } from './run-checks.js';
export type { TargetPolicy } from './ssrf.js';
export { CHECKER_USER_AGENT } from './fetch-page.js';
export { formatChecks, type Format } from './format.js';
export { saveCheckResults, latestCheckResults, checkHistory, type CheckHistoryEntry, type CheckPeriod } from './history.js';
export { parseCatalogue, CATALOGUE_COLUMNS, type Ad, type CatalogueError, type ParsedCatalogue } from '../catalogue/parse.js';
export { decodeCatalogue } from '../catalogue/decode.js';
export { saveCatalogue, loadCatalogue } from '../catalogue/store.js';
export { scoreRelevance, DEFAULT_MIN_SCORE, DISTINGUISHING_MIN_SPECIFICITY, type AdText, type PageSignals, type Relevance, type RelevanceFlag, type ScoreContext } from '../relevance/score.js';
export { learnSite, specificity, BOILERPLATE_MIN_PAGES, BOILERPLATE_MIN_SHARE, type SiteDoc, type SiteKnowledge } from '../relevance/site-knowledge.js';
export { saveSiteDocs, loadSiteDocs } from '../relevance/site-docs-store.js';
export { THIN_MAX_WORDS } from '../relevance/thin.js';
export { SITE_WIDE_SPECIFICITY } from '../relevance/brand.js';
export { extractSignals, type ContentSignals } from '../html/signals.js';
export { decodeHtml, type DecodedPage, type CharsetSource } from '../html/decode.js';
