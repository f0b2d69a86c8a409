import { terms } from './normalize.js';

/** The page text a relevance score reads: the landing page's content signals. */
export interface PageSignals {
  title?: string | null;
  h1?: string | null;
  description?: string | null;
  path?: string | null;
}

/** What the ad promised: campaign terms and, when registered in the catalogue, the ad's own text. */
export interface AdText {
  /** `utm_term` (the search keyword) */
  term?: string | null;
  /** `utm_campaign`, e.g. `zapatillas-trail-otono` (used only when term, headline and keywords are empty) */
  campaign?: string | null;
  /** the ad's headline (catalogue) */
  headline?: string | null;
  /** the ad's keywords (catalogue) */
  keywords?: readonly string[] | null;
}

/** A relevance score with the evidence behind it. */
export interface Relevance {
  /** 0–100 */
  score: number;
  /** ad stems found on the page */
  matched: string[];
  /** ad stems the page never mentions */
  missing: string[];
  /** true when at least one ad stem is in the title or the h1 — what a visitor sees first */
  inHeadline: boolean;
  /** plain-words explanation, e.g. `relevance 18/100: no ad keyword in title or h1` */
  reason: string;
}

// Where a word appears matters: the title and h1 are what the visitor reads in the first second, the
// description is what the search result showed, the path is weak evidence (slugs are often generated).
const FIELD_WEIGHT = { title: 1, h1: 1, description: 0.6, path: 0.4 } as const;

/**
 * Scores how well a landing page matches its ad, 0–100, for Spanish and English text: every distinct
 * stem of the ad (term, keywords and headline; the campaign name only when the ad has none of those) earns the weight of the strongest page field
 * it appears in (title/h1 1, description 0.6, path 0.4); the score is the average, as a percentage.
 * An ad with no usable words scores 100 (there is nothing to contradict).
 * @example scoreRelevance({ term: 'zapatillas trail' }, { title: 'Zapatillas de trail running' }).score // 100
 */
export function scoreRelevance(ad: AdText, page: PageSignals): Relevance {
  const own = [...terms(ad.term), ...(ad.keywords ?? []).flatMap((k) => terms(k)), ...terms(ad.headline)];
  // Campaign names are often internal codes ("q3_brand_es"): used only when the ad has no words of its own.
  const wanted = [...new Set(own.length ? own : terms(ad.campaign))];
  const fields = (Object.keys(FIELD_WEIGHT) as Array<keyof typeof FIELD_WEIGHT>).map((f) => [f, new Set(terms(page[f]))] as const);
  const matched: string[] = [];
  const missing: string[] = [];
  let total = 0;
  let inHeadline = false;
  for (const t of wanted) {
    let best = 0;
    for (const [field, set] of fields) {
      if (!set.has(t)) continue;
      best = Math.max(best, FIELD_WEIGHT[field]);
      if (field === 'title' || field === 'h1') inHeadline = true;
    }
    (best > 0 ? matched : missing).push(t);
    total += best;
  }
  const score = wanted.length === 0 ? 100 : Math.round((100 * total) / wanted.length);
  const reason = wanted.length === 0
    ? 'no ad words to compare'
    : `relevance ${score}/100: ${inHeadline ? `${matched.length} of ${wanted.length} ad words on the page` : 'no ad keyword in title or h1'}`;
  return { score, matched, missing, inHeadline, reason };
}
