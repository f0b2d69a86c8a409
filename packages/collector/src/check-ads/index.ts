export { checkAd, badness, type CheckResult, type CheckOptions, type Hop, type Problem } from './check-ad.js';
export { runChecks, sortWorstFirst, type RunOptions } from './run-checks.js';
export { createTargetGuard, isPrivateAddress, type TargetPolicy, type TargetGuard } from './ssrf.js';
export { createLimiter, type Limiter } from './limiter.js';
export { fetchPage, CHECKER_USER_AGENT } from './fetch-page.js';
export { formatChecks, type Format } from './format.js';
export { saveCheckResults, latestCheckResults, checkHistory, type CheckHistoryEntry } from './history.js';
export { attachVisits, type VisitorView } from './with-visits.js';
