import { stageOf, TOUCHPOINT } from '@touchpoint/schema';
import type { Store } from '../store/types.js';
import { abandonment } from './abandonment.js';
import { adsReportWith, DEFAULT_ADS_THRESHOLDS } from './ads.js';
import { botTouchpoints } from './bots.js';
import { feedbackReport, type Sentiment } from './feedback.js';
import { lcpByPath } from './lcp.js';
import { filterSql, num, type ReportFilter } from './sql.js';

/** The touchpoint name a site sends from its error pages (404, 500…), with `properties.status`. */
export const ERROR_PAGE_NAME = 'error_page';

/** Thresholds of the weak-touchpoint evidence (docs/weak-touchpoints.md). */
export interface WeakThresholds {
  /** a support contact this many minutes after a touchpoint counts against it (10) */
  supportWithinMinutes: number;
  /** abandonment of a pivotal touchpoint at or above this share is negative (0.25) */
  abandonmentShare: number;
  /** p75 LCP above this, in ms, is negative; at or below, positive (2500) */
  maxLcpMs: number;
}

export const DEFAULT_WEAK_THRESHOLDS: WeakThresholds = { supportWithinMinutes: 10, abandonmentShare: 0.25, maxLcpMs: DEFAULT_ADS_THRESHOLDS.maxLcpMs };

/**
 * Why a piece of evidence is classed as it is: a stable code (the dashboard words it) and its numbers.
 * Codes: `nps` {nps, responses, detractors}; `csat` {csat, responses, dissatisfied}; `abandoned_after`
 * {abandoned, reached, share}; `support_soon_after` {contacts, withinMinutes}; `error_page` {views, people};
 * `lcp_p75` {p75Ms, samples, slowSamples, limitMs}; `ad_flag_<flag code>` {landings} (the ads report's flags:
 * home_page, form_page, off_topic, thin, slow, high_bounce).
 */
export interface WeakReason {
  code: string;
  values: Record<string, number>;
}

/** One signal about a touchpoint, classed. */
export interface WeakEvidence {
  /** `feedback` (explicit: NPS, CSAT) or the implicit signal: `abandonment`, `support`, `error`, `speed`, `ad_landing` */
  signal: 'feedback' | 'abandonment' | 'support' | 'error' | 'speed' | 'ad_landing';
  class: Sentiment;
  reason: WeakReason;
  /** people, answers, landings or measurements behind a negative class (0 otherwise): what the ranking adds up */
  impact: number;
}

/** One weak touchpoint. */
export interface WeakTouchpoint {
  /** the touchpoint name */
  name: string;
  /** the page, for page-level touchpoints (`page_view`, `ad_landing`, `error_page`); null otherwise */
  path: string | null;
  /** sum of the negative evidence's impact: the ranking key */
  score: number;
  /** negative evidence first, then neutral, then positive */
  evidence: WeakEvidence[];
}

/** The "what to fix first" report. */
export interface WeakTouchpointsReport {
  filter: ReportFilter;
  thresholds: WeakThresholds;
  /** touchpoints with at least one negative piece of evidence, highest score first */
  items: WeakTouchpoint[];
  /** touchpoints of the range hidden as bots */
  botTouchpoints: number;
}

const CLASS_ORDER: Record<Sentiment, number> = { negative: 0, neutral: 1, positive: 2 };

/**
 * One ranked list of weak touchpoints, each with its evidence: explicit feedback (NPS, CSAT of the rated
 * touchpoint) and implicit signals — people abandoning right after a pivotal touchpoint, a support contact
 * soon after it, error pages, slow LCP (p75) on a page, ad landings the ads report flags. Each piece of
 * evidence is classed positive / neutral / negative with a reason code; a touchpoint's score is the sum of
 * its negative evidence's impact (people, answers, landings or slow measurements), and touchpoints with
 * no negative evidence are not listed. The rule is in docs/weak-touchpoints.md.
 * @example const { items } = await weakTouchpointsReport(store, { site: 'shop' })
 */
export async function weakTouchpointsReport(store: Store, filter: ReportFilter, options: { thresholds?: Partial<WeakThresholds> } = {}): Promise<WeakTouchpointsReport> {
  const thresholds = { ...DEFAULT_WEAK_THRESHOLDS, ...options.thresholds };
  const { where, params } = filterSql(filter);
  const s = filterSql(filter, 's');
  const x = filterSql({ includeBots: filter.includeBots }, 'x');
  const withinMs = thresholds.supportWithinMinutes * 60_000;
  const lcp = lcpByPath(store, filter, thresholds.maxLcpMs);
  const [feedback, abandoned, support, errors, lcpPages, ads, bots] = await Promise.all([
    feedbackReport(store, filter),
    abandonment(store, filter),
    // Each support contact counts against the journey touchpoint just before it in its session, when that
    // was at most `supportWithinMinutes` earlier (the support and feedback touchpoints themselves aside);
    // at the same millisecond the greatest name, then path, is "just before". The probe returns the name
    // and path as one text (a name has no space), so it reads the session index alone: fetching each
    // row's id to join back was most of the report's time on PostgreSQL.
    store.queryArrays(
      `SELECT before, COUNT(*) FROM (
         SELECT (SELECT COALESCE(x.name || ' ' || x.path, x.name) FROM events x WHERE ${x.where} AND x.site = s.site AND x.session_id = s.session_id AND x.ts <= s.ts AND x.ts >= s.ts - ?
                   AND x.phase IS NOT NULL AND x.name NOT IN ('${TOUCHPOINT.supportOpen}', '${TOUCHPOINT.feedback}')
                 ORDER BY x.ts DESC, x.name DESC, COALESCE(x.path, '') DESC LIMIT 1) AS before
         FROM events s WHERE ${s.where} AND s.name = '${TOUCHPOINT.supportOpen}' AND s.session_id IS NOT NULL) c
       WHERE before IS NOT NULL GROUP BY before`,
      [...x.params, withinMs, ...s.params],
    ).then((rows) => (rows as Array<[string, unknown]>).map(([before, n]) => {
      const space = before.indexOf(' ');
      return space < 0 ? { name: before, path: null, n } : { name: before.slice(0, space), path: before.slice(space + 1), n };
    })),
    store.query<{ path: string | null; views: unknown; people: unknown }>(
      `SELECT path, COUNT(*) AS views, COUNT(DISTINCT COALESCE(anonymous_id, user_id, session_id)) AS people FROM events WHERE ${where} AND name = '${ERROR_PAGE_NAME}' GROUP BY path`,
      params,
    ),
    lcp,
    // The ads report's flags, on the LCP read once for both.
    adsReportWith(store, filter, {}, lcp),
    botTouchpoints(store, filter),
  ]);

  const items = new Map<string, WeakTouchpoint>();
  const add = (name: string, path: string | null, e: WeakEvidence) => {
    const key = JSON.stringify([name, path]);
    let item = items.get(key);
    if (!item) items.set(key, (item = { name, path, score: 0, evidence: [] }));
    item.evidence.push(e);
  };
  const classed = (negative: boolean, positive: boolean): Sentiment => (negative ? 'negative' : positive ? 'positive' : 'neutral');

  for (const t of feedback.touchpoints) {
    if (t.nps !== null) {
      const cls = classed(t.nps < feedback.thresholds.npsNegative, t.nps >= feedback.thresholds.npsPositive);
      add(t.touchpoint, null, { signal: 'feedback', class: cls, reason: { code: 'nps', values: { nps: t.nps, responses: t.npsResponses, detractors: t.detractors } }, impact: cls === 'negative' ? t.detractors : 0 });
    }
    if (t.csat !== null) {
      const cls = classed(t.csat < feedback.thresholds.csatNegative, t.csat >= feedback.thresholds.csatPositive);
      const dissatisfied = t.csatResponses - t.satisfied;
      add(t.touchpoint, null, { signal: 'feedback', class: cls, reason: { code: 'csat', values: { csat: t.csat, responses: t.csatResponses, dissatisfied } }, impact: cls === 'negative' ? dissatisfied : 0 });
    }
  }
  // Abandonment speaks about the moments that decide (sign-up, checkout steps); leaving after a page
  // view is how browsing ends.
  for (const a of abandoned) {
    if (stageOf(a.name)?.p5 !== 'pivotal') continue;
    const negative = a.share >= thresholds.abandonmentShare;
    add(a.name, null, { signal: 'abandonment', class: negative ? 'negative' : 'neutral', reason: { code: 'abandoned_after', values: { abandoned: a.abandoned, reached: a.reached, share: a.share } }, impact: negative ? a.abandoned : 0 });
  }
  const pageLevel = (name: string) => name === TOUCHPOINT.pageView || name === TOUCHPOINT.adLanding || name === ERROR_PAGE_NAME;
  for (const r of support) {
    const contacts = num(r.n);
    add(r.name, pageLevel(r.name) ? r.path : null, { signal: 'support', class: 'negative', reason: { code: 'support_soon_after', values: { contacts, withinMinutes: thresholds.supportWithinMinutes } }, impact: contacts });
  }
  for (const r of errors) {
    add(ERROR_PAGE_NAME, r.path, { signal: 'error', class: 'negative', reason: { code: 'error_page', values: { views: num(r.views), people: num(r.people) } }, impact: num(r.people) });
  }
  for (const [path, { p75, samples, slowSamples }] of lcpPages) {
    const negative = p75 > thresholds.maxLcpMs;
    add(TOUCHPOINT.pageView, path, { signal: 'speed', class: negative ? 'negative' : 'positive', reason: { code: 'lcp_p75', values: { p75Ms: p75, samples, slowSamples, limitMs: thresholds.maxLcpMs } }, impact: negative ? slowSamples : 0 });
  }
  // The ads report's flags per landing page (several campaigns on one page add up), its own slowness aside
  // (the page's LCP is already evidence above).
  const flags = new Map<string, { path: string | null; code: string; landings: number }>();
  for (const row of ads.rows) {
    for (const f of row.flags) {
      if (f.code === 'slow') continue;
      const key = JSON.stringify([row.path, f.code]);
      const prev = flags.get(key);
      if (prev) prev.landings += row.landings;
      else flags.set(key, { path: row.path, code: f.code, landings: row.landings });
    }
  }
  for (const f of flags.values()) {
    add(TOUCHPOINT.adLanding, f.path, { signal: 'ad_landing', class: 'negative', reason: { code: `ad_flag_${f.code}`, values: { landings: f.landings } }, impact: f.landings });
  }

  const ranked = [...items.values()].filter((i) => i.evidence.some((e) => e.class === 'negative'));
  for (const i of ranked) {
    i.score = i.evidence.reduce((sum, e) => sum + e.impact, 0);
    i.evidence.sort((a, b) => CLASS_ORDER[a.class] - CLASS_ORDER[b.class] || b.impact - a.impact || a.reason.code.localeCompare(b.reason.code));
  }
  const negatives = (i: WeakTouchpoint) => i.evidence.filter((e) => e.class === 'negative').length;
  ranked.sort((a, b) => b.score - a.score || negatives(b) - negatives(a) || a.name.localeCompare(b.name) || String(a.path).localeCompare(String(b.path)));
  return { filter, thresholds, items: ranked, botTouchpoints: bots };
}
