import { TOUCHPOINT } from '@touchpoint/schema';
import { findAd, loadCatalogue } from '../catalogue/store.js';
import type { Ad } from '../catalogue/parse.js';
import { latestCheckResults } from '../check-ads/history.js';
import { scoreRelevance, type Relevance } from '../relevance/score.js';
import { landingVerdict, VERDICT_CODES, type VerdictFlag } from '../relevance/verdict.js';
import { learnSite } from '../relevance/site-knowledge.js';
import { loadSiteDocs } from '../relevance/site-docs-store.js';
import type { Store } from '../store/types.js';
import { botTouchpoints } from './bots.js';
import { lcpByPath, type PageLcp } from './lcp.js';
import { personJoins, personKey } from './people.js';
import { filterSql, jsonFlag, jsonText, num, type ReportFilter } from './sql.js';

/** Thresholds behind the ads report's flags (the defaults are the documented ones). */
export interface AdsThresholds {
  /** relevance below this is flagged (40) */
  minRelevance: number;
  /** p75 LCP above this, in ms, is flagged slow (2500 — web.dev's "good" LCP limit) */
  maxLcpMs: number;
  /** bounce rate at or above this is flagged (0.7) */
  maxBounce: number;
}

export const DEFAULT_ADS_THRESHOLDS: AdsThresholds = { minRelevance: 40, maxLcpMs: 2500, maxBounce: 0.7 };

/** A flag on a landing, in plain words. */
export interface AdFlag {
  code: 'home_page' | 'form_page' | 'off_topic' | 'thin' | 'slow' | 'high_bounce';
  /** plain words, English */
  message: string;
  /** plain words in English and Spanish (the landing verdict's flags: home page, form, off topic, thin) */
  messages?: { en: string; es: string };
}

/** One campaign × landing page. */
export interface AdLandingRow {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
  path: string | null;
  /** the catalogue ad matched by `utm_content`, when registered */
  adId: string | null;
  landings: number;
  /** landings whose session had no further touchpoint (the landing page's own page view aside) */
  bounces: number;
  bounceRate: number;
  /** landings whose person (on any device) signed up at or after landing (within the range) */
  signUps: number;
  signUpRate: number;
  purchases: number;
  purchaseRate: number;
  /** p75 of LCP (ms) on the landing path, null without measurements */
  lcpP75: number | null;
  /** the page's content signals as the SDK saw them */
  title: string | null;
  h1: string | null;
  relevance: number;
  relevanceReason: string;
  /**
   * where the verdict (relevance, `isHome`, `isForm` and the home-page, form, off-topic and thin flags)
   * comes from: the checker's latest check of this ad's landing page within the filter's dates, or the
   * visitors' page signals judged by the same rule (`landingVerdict`)
   */
  relevanceSource: 'check' | 'visitors';
  /** when `relevanceSource` is `check`: the time of that check (ms since epoch); else null */
  checkedAt: number | null;
  isHome: boolean;
  isForm: boolean;
  /** the landing verdict's flags, then what visitors did (high bounce) and measured (slow) */
  flags: AdFlag[];
}

/** The ad-landing report: worst first. */
export interface AdsReport {
  filter: ReportFilter;
  thresholds: AdsThresholds;
  rows: AdLandingRow[];
  /** touchpoints of the range hidden as bots */
  botTouchpoints: number;
}

interface LandingAggregate {
  source: string | null; medium: string | null; campaign: string | null; term: string | null; content: string | null; path: string | null;
  landings: unknown; bounces: unknown; sign_ups: unknown; purchases: unknown;
  sample_id: string;
}

interface LandingSignals { id: string; title: string | null; h1: string | null; description: string | null; is_home: unknown; is_form: unknown }

const FLAG_WEIGHT: Record<AdFlag['code'], number> = { home_page: 50, form_page: 45, high_bounce: 35, thin: 32, off_topic: 30, slow: 25 };

interface StoredVerdict { score: number; reason: string; isHome: boolean; isForm: boolean; flags: AdFlag[]; checkedAt: number }

const isVerdictCode = (code: string): code is VerdictFlag['code'] => (VERDICT_CODES as readonly string[]).includes(code);

/**
 * The checker's verdict per ad and landing path (`ad_checks`), for the rows it has checked: the latest
 * check within the filter's dates (`from` ≤ checked_at < `to`), so a past period shows the page as it
 * was checked then.
 */
async function storedVerdicts(store: Store, site: string, filter: ReportFilter): Promise<Map<string, StoredVerdict>> {
  const out = new Map<string, StoredVerdict>();
  const rows = await latestCheckResults(store, site, filter);
  for (const r of rows) {
    if (!r.relevance || !r.finalUrl || !URL.canParse(r.finalUrl)) continue;
    const flags = r.problems.filter((p) => isVerdictCode(p.code))
      .map((p) => ({ code: p.code as VerdictFlag['code'], message: p.message, ...(p.messages ? { messages: p.messages } : {}) }));
    out.set(`${r.adId} ${new URL(r.finalUrl).pathname}`, {
      score: r.relevance.score, reason: r.relevance.reason, isHome: r.signals?.isHome === true, isForm: r.signals?.isForm === true, flags, checkedAt: r.checkedAt,
    });
  }
  return out;
}

/** The verdict on the visitors' signals: the checker's rule (`landingVerdict`) on what the SDK saw. */
function judgedFromVisitors(rel: Relevance, page: { isHome: boolean; isForm: boolean }, minScore: number): { score: number; reason: string; flags: AdFlag[] } {
  return { score: rel.score, reason: rel.reason, flags: landingVerdict(page, rel, minScore).map(({ code, message, messages }) => ({ code, message, messages })) };
}

/**
 * Ad landings per campaign (source, medium, campaign, term, content) and landing page: landings, bounce
 * rate, conversion to sign-up and purchase, p75 LCP on the page, and a 0–100 relevance score of the
 * page's content signals against the campaign's term and, when registered in the catalogue, the ad's
 * headline and keywords. Flags say what is wrong in plain words; rows come worst first.
 * @param options.catalogue ads to match instead of the store's catalogue (e.g. the CLI's `--catalogue file`)
 * @example const { rows } = await adsReport(store, { site: 'shop' })
 */
export async function adsReport(store: Store, filter: ReportFilter, options: { catalogue?: Ad[]; thresholds?: Partial<AdsThresholds> } = {}): Promise<AdsReport> {
  return adsReportWith(store, filter, options, lcpByPath(store, filter, options.thresholds?.maxLcpMs ?? DEFAULT_ADS_THRESHOLDS.maxLcpMs, true));
}

/**
 * {@link adsReport} with the LCP per page already being read (the weak-touchpoints report reads it for
 * every page and shares it here rather than reading it twice; only the landing paths are looked up).
 */
export async function adsReportWith(store: Store, filter: ReportFilter, options: { catalogue?: Ad[]; thresholds?: Partial<AdsThresholds> }, lcpPages: Promise<Map<string, PageLcp>>): Promise<AdsReport> {
  const thresholds = { ...DEFAULT_ADS_THRESHOLDS, ...options.thresholds };
  const d = store.dialect;
  const e = filterSql(filter, 'e');
  // Landings and conversions meet by person (people.ts): a purchase on another device of the person
  // who landed counts for the landing's campaign.
  const p = filterSql(filter, 'p');
  // A bounce: nothing in the session from the landing on but the landing itself and views of its page.
  // The landing is told by its name and time, not its id (the session index has no id on PostgreSQL).
  const stayedIn = `EXISTS (
           SELECT 1 FROM events e WHERE ${e.where} AND e.site = l.site AND e.session_id = l.session_id AND e.ts >= l.ts
             AND e.phase IS NOT NULL AND NOT (e.name = '${TOUCHPOINT.adLanding}' AND e.ts = l.ts)
             AND NOT (e.name = '${TOUCHPOINT.pageView}' AND e.path = l.path))`;
  // PostgreSQL runs a WHERE EXISTS as one semi-join (0.64 → 0.39 s at 1M touchpoints, against a probe
  // per landing); SQLite probes either way, faster in the select list than through a joined CTE.
  const bounce = d === 'postgres'
    ? { cte: `,\n       stayed AS (SELECT l.id FROM l WHERE ${stayedIn})`, column: 'SUM(CASE WHEN s.id IS NULL THEN 1 ELSE 0 END)', join: ' LEFT JOIN stayed s ON s.id = l.id' }
    : { cte: '', column: `SUM(CASE WHEN ${stayedIn} THEN 0 ELSE 1 END)`, join: '' };
  // Independent parts run at once (on PostgreSQL each on its own pooled connection).
  const [groups, catalogue, lcp, bots] = await Promise.all([
    store.query<LandingAggregate>(
      `WITH l AS (
         SELECT p.site, p.id, p.ts, p.session_id, p.path, ${personKey('p')} AS v, p.utm_source, p.utm_medium, p.utm_campaign, p.utm_term, p.utm_content, p.title
         FROM events p ${personJoins('p')} WHERE ${p.where} AND p.name = '${TOUCHPOINT.adLanding}'),
       conv AS (
         SELECT ${personKey('p')} AS v,
           MAX(CASE WHEN p.name = '${TOUCHPOINT.signUp}' THEN p.ts END) AS sign_up_ts,
           MAX(CASE WHEN p.name = '${TOUCHPOINT.purchase}' THEN p.ts END) AS purchase_ts
         FROM events p ${personJoins('p')} WHERE ${p.where} AND p.name IN ('${TOUCHPOINT.signUp}', '${TOUCHPOINT.purchase}') GROUP BY ${personKey('p')})${bounce.cte}
       SELECT l.utm_source AS source, l.utm_medium AS medium, l.utm_campaign AS campaign, l.utm_term AS term, l.utm_content AS content, l.path AS path,
         COUNT(*) AS landings,
         ${bounce.column} AS bounces,
         SUM(CASE WHEN c.sign_up_ts >= l.ts THEN 1 ELSE 0 END) AS sign_ups,
         SUM(CASE WHEN c.purchase_ts >= l.ts THEN 1 ELSE 0 END) AS purchases,
         MAX(l.id) AS sample_id
       FROM l LEFT JOIN conv c ON c.v = l.v${bounce.join}
       GROUP BY l.utm_source, l.utm_medium, l.utm_campaign, l.utm_term, l.utm_content, l.path`,
      [...p.params, ...p.params, ...e.params],
    ),
    options.catalogue ? Promise.resolve(options.catalogue) : filter.site !== undefined ? loadCatalogue(store, filter.site) : Promise.resolve([]),
    lcpPages,
    botTouchpoints(store, filter),
  ]);
  // The same scorer as the checker, with what the checker has learned about the site; where the checker
  // has judged an ad's landing page, its verdict (read from the page itself) is the one shown.
  const [docs, verdicts] = filter.site !== undefined ? await Promise.all([loadSiteDocs(store, filter.site), storedVerdicts(store, filter.site, filter)]) : [[], new Map<string, StoredVerdict>()];
  const site = docs.length ? learnSite(docs) : undefined;
  const synonyms = catalogue.flatMap((a) => a.synonyms ?? []);

  // The content signals of one landing per group (the greatest id: with the SDK's time-ordered UUIDv7
  // ids, the latest) — read for a hundred rows by primary key, not parsed from every landing's JSON.
  // (Across all sites, ids are UUIDs: a landing id is taken to be unique.)
  const signals = new Map<string, LandingSignals>();
  const ids = groups.map((g) => g.sample_id);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await store.query<LandingSignals>(
      `SELECT id, title, ${jsonText(d, 'properties', 'h1')} AS h1, ${jsonText(d, 'properties', 'description')} AS description,
         ${jsonFlag(d, 'properties', 'is_home')} AS is_home, ${jsonFlag(d, 'properties', 'is_form')} AS is_form
       FROM events WHERE ${filter.site !== undefined ? 'site = ?' : `name = '${TOUCHPOINT.adLanding}'`} AND id IN (${chunk.map(() => '?').join(', ')})`,
      [...(filter.site !== undefined ? [filter.site] : []), ...chunk],
    );
    for (const r of rows) signals.set(r.id, r);
  }

  const rows = groups.map((g): AdLandingRow => {
    const sig = signals.get(g.sample_id);
    const landings = num(g.landings);
    const ad = findAd(catalogue, { campaign: g.campaign, content: g.content });
    const checked = ad ? verdicts.get(`${ad.adId} ${g.path}`) : undefined;
    // Without a check, the visitors' signals get the checker's verdict rule (relevance/verdict.ts).
    const page = checked ?? { isHome: num(sig?.is_home) === 1, isForm: num(sig?.is_form) === 1 };
    const rel = checked ?? judgedFromVisitors(scoreRelevance(
      { term: g.term, campaign: g.campaign, headline: ad?.headline, keywords: ad?.keywords, brand: ad?.brand },
      { title: sig?.title, h1: sig?.h1, description: sig?.description, path: g.path },
      { site, synonyms, minScore: thresholds.minRelevance },
    ), page, thresholds.minRelevance);
    const row: AdLandingRow = {
      source: g.source, medium: g.medium, campaign: g.campaign, term: g.term, content: g.content, path: g.path,
      adId: ad?.adId ?? null,
      landings,
      bounces: num(g.bounces), bounceRate: num(g.bounces) / landings,
      signUps: num(g.sign_ups), signUpRate: num(g.sign_ups) / landings,
      purchases: num(g.purchases), purchaseRate: num(g.purchases) / landings,
      lcpP75: lcp.get(g.path ?? '')?.p75 ?? null,
      title: sig?.title ?? null, h1: sig?.h1 ?? null,
      relevance: rel.score, relevanceReason: rel.reason, relevanceSource: checked ? 'check' : 'visitors', checkedAt: checked?.checkedAt ?? null,
      isHome: page.isHome, isForm: page.isForm,
      flags: [...rel.flags],
    };
    const flag = (code: AdFlag['code'], message: string) => row.flags.push({ code, message });
    if (row.bounceRate >= thresholds.maxBounce) flag('high_bounce', `high bounce: ${Math.round(row.bounceRate * 100)}%`);
    if (row.lcpP75 !== null && row.lcpP75 > thresholds.maxLcpMs) flag('slow', `slow: p75 LCP ${(row.lcpP75 / 1000).toFixed(1)} s`);
    return row;
  });

  const badness = (r: AdLandingRow) => r.flags.reduce((s, f) => s + FLAG_WEIGHT[f.code], 0);
  rows.sort((a, b) => badness(b) - badness(a) || b.landings - a.landings || a.relevance - b.relevance
    || String(a.campaign).localeCompare(String(b.campaign)) || String(a.content).localeCompare(String(b.content)) || String(a.path).localeCompare(String(b.path)));
  return { filter, thresholds, rows, botTouchpoints: bots };
}
