// `GET /api/shared/report`: the one report a shared link opens, for whoever holds the link. The token
// comes in the `X-Touchpoint-Share` header (the page reads it from its URL fragment); a wrong or
// expired one counts as a failure of the client's address, throttled like a wrong key.
import { HttpError } from '../http-error.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { adsReport } from '../reports/ads.js';
import { feedbackReport } from '../reports/feedback.js';
import { journeyReport } from '../reports/journey.js';
import type { Store } from '../store/types.js';
import { json } from './http.js';
import { filterFrom } from './params.js';
import { openSharedLink } from './shared-links.js';
import type { Throttle } from './throttle.js';

/** Answers the shared report for the link in the request's header. */
export async function sharedReport(request: Request, url: URL, deps: { store: Store; throttle: Throttle; metrics?: Metrics; log: Logger; now: () => number; ip: string | null }): Promise<Response> {
  if (request.method !== 'GET') throw new HttpError(405, 'use GET', { allow: 'GET' });
  const t = deps.now();
  const subjects = [`ip:${deps.ip ?? 'unknown'}`] as const;
  const state = await deps.throttle.check(subjects, t);
  if (state.blocked) {
    deps.metrics?.authThrottled('shared_link');
    throw new HttpError(429, `too many failed attempts: retry in ${state.retryAfterSeconds} s`, { 'retry-after': String(state.retryAfterSeconds) });
  }
  const link = await openSharedLink(deps.store, request.headers.get('x-touchpoint-share') ?? '', t);
  if (!link) {
    deps.metrics?.authFailure('shared_link', 'unknown_or_expired');
    deps.log.warn({ via: 'shared_link', ip: deps.ip }, 'shared link refused');
    const after = await deps.throttle.fail(subjects, t);
    if (after.blocked) throw new HttpError(429, `too many failed attempts: retry in ${after.retryAfterSeconds} s`, { 'retry-after': String(after.retryAfterSeconds) });
    throw new HttpError(404, 'this shared link does not exist, has expired or was revoked');
  }
  // Only the dates come from the request: the site and the report are the link's.
  const { from, to } = filterFrom({ get: (name) => (name === 'site' ? null : url.searchParams.get(name)) });
  const filter = { site: link.site, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
  const data = link.report === 'journey' ? await journeyReport(deps.store, filter) : link.report === 'ads' ? await adsReport(deps.store, filter) : await feedbackReport(deps.store, filter);
  return json(200, { site: link.site, report: link.report, label: link.label, expiresAt: link.expiresAt, data });
}
