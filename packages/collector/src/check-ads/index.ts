export { checkAd, badness, type CheckResult, type CheckOptions, type Hop, type Problem } from './check-ad';
export { runChecks, sortWorstFirst, type RunOptions } from './run-checks';
export { createTargetGuard, isPrivateAddress, type TargetPolicy, type TargetGuard } from './ssrf';
export { createLimiter, type Limiter } from './limiter';
export { fetchPage, CHECKER_USER_AGENT } from './fetch-page';
export { formatChecks, type Format } from './format';
export { saveCheckResults, latestCheckResults, checkHistory, type CheckHistoryEntry } from './history';
export { attachVisits, type VisitorView } from './with-visits';
