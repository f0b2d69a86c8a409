// The people side of the admin API: the retention report, one person's timeline, and erasure.
import { forgetPerson } from '../people/forget-person.js';
import type { PersonRef } from '../people/resolve-person.js';
import { renderRetention } from '../reports/render-people.js';
import { retentionReport } from '../reports/retention.js';
import { personTimeline, TIMELINE_LIMITS } from '../reports/timeline.js';
import type { ApiContext } from './api-context.js';
import { csvDownload, json, reportFormat } from './http.js';
import { BadParam, filterFrom } from './params.js';

const choice = <T extends string>(q: URLSearchParams, name: string, values: readonly T[]): T => {
  const v = q.get(name) ?? values[0]!;
  if (!(values as readonly string[]).includes(v)) throw new BadParam(`${name}: expected ${values.join(' or ')}, got "${v.slice(0, 40)}"`);
  return v as T;
};

/** `site` and exactly one of `user` / `anonymous`. */
function personParams(q: URLSearchParams): { site: string; ref: PersonRef } {
  const site = q.get('site');
  if (!site) throw new BadParam('site: required');
  if (site.length > 200) throw new BadParam('site: longer than 200 characters');
  const user = q.get('user');
  const anonymous = q.get('anonymous');
  if ((user === null) === (anonymous === null)) throw new BadParam('give exactly one of user or anonymous');
  const id = (user ?? anonymous)!;
  if (id === '' || id.length > 200) throw new BadParam(`${user !== null ? 'user' : 'anonymous'}: 1 to 200 characters`);
  return { site, ref: user !== null ? { user } : { anonymous: anonymous! } };
}

/**
 * The people endpoints; `undefined` for a path that is not theirs.
 * - `GET /api/reports/retention?site=&from=&to=&by=purchase|touchpoint&period=week|month&format=json|csv` (viewer): {@link retentionReport}
 * - `GET /api/people/timeline?site=&user=|anonymous=&from=&to=&limit=` (viewer): {@link personTimeline}
 * - `DELETE /api/people?site=&user=|anonymous=` (admin, audit-logged): {@link forgetPerson}; answers the per-table counts
 */
export async function peopleApi(request: Request, url: URL, ctx: ApiContext): Promise<Response | undefined> {
  const q = url.searchParams;
  switch (`${request.method} ${url.pathname}`) {
    case 'GET /api/reports/retention': {
      const filter = filterFrom(q);
      const by = choice(q, 'by', ['purchase', 'touchpoint'] as const);
      const period = choice(q, 'period', ['week', 'month'] as const);
      const format = reportFormat(q);
      ctx.need('reports.read', filter.site);
      const report = await retentionReport(ctx.store, filter, { by, period });
      return format === 'csv' ? csvDownload('retention', filter.site, renderRetention(report, 'csv')) : json(200, report);
    }
    case 'GET /api/people/timeline': {
      const { site, ref } = personParams(q);
      const { from, to } = filterFrom(q);
      const raw = q.get('limit');
      const limit = raw === null ? TIMELINE_LIMITS.default : Number(raw);
      if (!Number.isInteger(limit) || limit < 1 || limit > TIMELINE_LIMITS.max) throw new BadParam(`limit: an integer from 1 to ${TIMELINE_LIMITS.max}`);
      ctx.need('reports.read', site);
      return json(200, await personTimeline(ctx.store, site, ref, { from, to, limit }));
    }
    case 'DELETE /api/people': {
      const { site, ref } = personParams(q);
      ctx.need('erasure', site);
      const erasure = await forgetPerson(ctx.store, site, ref, { now: ctx.now });
      // The audit entry says who erased how much, not whom: the log must not keep a copy of the
      // erased ids (they remain only in suppressed_ids, which is what keeps them out).
      await ctx.audit('person.forget', site, { by: ref.user !== undefined ? 'user' : 'anonymous', deleted: erasure.deleted, suppressed: erasure.suppressed });
      return json(200, erasure);
    }
    default:
      return undefined;
  }
}
