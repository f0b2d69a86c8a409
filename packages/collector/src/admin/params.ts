import { ATTRIBUTION_GROUPS, ATTRIBUTION_MODELS, type AttributionGroup, type AttributionModel, type AttributionOptions } from '../reports/attribution.js';
import type { ReportFilter } from '../reports/sql.js';

/** A request parameter that is wrong, with a message for the client. */
export class BadParam extends Error {}

const DAY = 86_400_000;

/**
 * Reads a time bound: ms since epoch, an ISO date (`2026-01-31`, a whole UTC day) or an ISO date-time.
 * For `to`, a bare date means the end of that day (exclusive next midnight), so `from=to=2026-01-31` is that day.
 * @example parseTime('2026-01-31', 'to') // Date.UTC(2026, 0, 31) + 86_400_000
 */
export function parseTime(value: string, bound: 'from' | 'to'): number {
  const v = value.trim();
  if (/^\d{1,15}$/.test(v)) return Number(v);
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const t = Date.parse(`${v}T00:00:00Z`);
    if (Number.isNaN(t)) throw new BadParam(`${bound}: not a date: "${v}"`);
    return bound === 'to' ? t + DAY : t;
  }
  const t = Date.parse(v);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(v)) throw new BadParam(`${bound}: expected ms since epoch, YYYY-MM-DD or an ISO date-time, got "${v.slice(0, 40)}"`);
  return t;
}

/**
 * Reads `site`, `from`, `to` and `bots` (`include` to count touchpoints flagged as bots, `exclude` the
 * default) into a report filter; throws {@link BadParam} with a clear message.
 * @example filterFrom(new URLSearchParams('site=shop&from=2026-01-01'))
 */
export function filterFrom(q: { get(name: string): string | null }): ReportFilter {
  const filter: ReportFilter = {};
  const site = q.get('site');
  if (site) {
    if (site.length > 200) throw new BadParam('site: longer than 200 characters');
    filter.site = site;
  }
  const from = q.get('from');
  const to = q.get('to');
  if (from) filter.from = parseTime(from, 'from');
  if (to) filter.to = parseTime(to, 'to');
  if (filter.from !== undefined && filter.to !== undefined && filter.from >= filter.to) throw new BadParam('from: must be before to');
  const bots = q.get('bots');
  if (bots !== null && bots !== 'include' && bots !== 'exclude') throw new BadParam(`bots: must be include or exclude, got "${bots.slice(0, 40)}"`);
  if (bots === 'include') filter.includeBots = true;
  return filter;
}

/**
 * Reads the attribution report's `model`, `lookbackDays` (a whole number of days, 1–365) and `by`; every
 * bad one is named in one {@link BadParam}.
 * @example attributionOptionsFrom(new URLSearchParams('model=linear&by=campaign'))
 */
export function attributionOptionsFrom(q: { get(name: string): string | null }): AttributionOptions {
  const out: AttributionOptions = {};
  const problems: string[] = [];
  const model = q.get('model');
  if (model !== null) {
    if ((ATTRIBUTION_MODELS as readonly string[]).includes(model)) out.model = model as AttributionModel;
    else problems.push(`model: must be ${ATTRIBUTION_MODELS.join(', ')}, got "${model.slice(0, 40)}"`);
  }
  const lookback = q.get('lookbackDays');
  if (lookback !== null) {
    if (/^\d{1,3}$/.test(lookback) && +lookback >= 1 && +lookback <= 365) out.lookbackDays = +lookback;
    else problems.push(`lookbackDays: must be a whole number of days from 1 to 365, got "${lookback.slice(0, 40)}"`);
  }
  const by = q.get('by');
  if (by !== null) {
    if ((ATTRIBUTION_GROUPS as readonly string[]).includes(by)) out.by = by as AttributionGroup;
    else problems.push(`by: must be ${ATTRIBUTION_GROUPS.join(', ')}, got "${by.slice(0, 40)}"`);
  }
  if (problems.length) throw new BadParam(problems.join('; '));
  return out;
}
