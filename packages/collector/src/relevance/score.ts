import { isBrandAd, SITE_WIDE_SPECIFICITY } from './brand.js';
import { pickLang } from './language.js';
import { extendLexicon, type Lexicon, type SynonymGroups } from './lexicon.js';
import * as say from './messages.js';
import { terms, type Term } from './normalize.js';
import { siteNameOf, specificity, type SiteKnowledge } from './site-knowledge.js';
import { stem, type Lang } from './stem.js';
import { isThin } from './thin.js';

/** The page text a relevance score reads: the landing page's content signals. */
export interface PageSignals {
  title?: string | null;
  h1?: string | null;
  description?: string | null;
  path?: string | null;
  /** `<html lang>` (else the language is guessed from the text) */
  lang?: string | null;
  /** the page's main content: its text outside navigation, header, footer, aside, forms and the site's repeated blocks (the checker reads it; visitors' signals have none) */
  main?: string | null;
  /** words of main content (with `main`) */
  mainWords?: number;
  /** the main content names a price or has a buy or book button */
  hasOffer?: boolean;
  isForm?: boolean;
  /** `og:site_name` */
  siteName?: string | null;
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
  /** marked as a brand ad in the catalogue */
  brand?: boolean;
}

/** What the scorer knows beyond the ad and the page. */
export interface ScoreContext {
  /** the site learned from its pages and catalogue (see `learnSite`): word specificity, boilerplate, name */
  site?: SiteKnowledge;
  /** the shop's own synonym groups (the catalogue's `synonyms` column) */
  synonyms?: SynonymGroups;
  /** below this score the page is off topic (40) */
  minScore?: number;
  /** the page's host, for the site's name when nothing else gives it */
  host?: string;
}

/** A relevance flag with its evidence. */
export interface RelevanceFlag {
  code: 'off_topic' | 'thin';
  /** plain words, English */
  message: string;
  /** plain words in English and Spanish */
  messages: say.Words;
  /** ad words the page lacks, as written in the ad (accents folded) */
  missing: string[];
  /** the ad word that sets it apart from the site's other offers, when there is one */
  distinguishing?: string;
}

/** A relevance score with the evidence behind it. */
export interface Relevance {
  /** 0–100 */
  score: number;
  /** ad words found on the page */
  matched: string[];
  /** ad words the page never mentions */
  missing: string[];
  /** true when at least one ad word is in the title or the h1 — what a visitor sees first */
  inHeadline: boolean;
  /** the ad word most specific to one part of the site (learned from the site), if any */
  distinguishing?: string;
  /** the ad is about the brand itself: the home page is a right landing */
  brandAd: boolean;
  lang: Lang;
  /** `off_topic` and `thin`, with their evidence; empty when the page fits the ad */
  flags: RelevanceFlag[];
  /** plain-words summary (English): the first flag's message, else the score */
  reason: string;
  /** the same in English and Spanish */
  reasons: say.Words;
}

/** Below this specificity an ad word cannot be its distinguishing word. */
export const DISTINGUISHING_MIN_SPECIFICITY = SITE_WIDE_SPECIFICITY;
/** Relevance below this is off topic unless the caller says otherwise. */
export const DEFAULT_MIN_SCORE = 40;

// How strongly a field shows a word: the title and h1 are what the visitor reads in the first second,
// the description is what the search result showed, the slug names the page; a word in the main content
// counts fully only when repeated (once is a passing mention).
const FIELD = { title: 1, h1: 1, description: 0.8, path: 0.6 } as const;
const MAIN_REPEATED = 0.8;
const MAIN_ONCE = 0.5;
// Generic ad words ("comprar", "cheap") barely count; words the site never uses count in between.
const WEIGHT_GENERIC = 0.15;
const WEIGHT_UNKNOWN = 0.6;

const lexicons = new WeakMap<SynonymGroups, Map<Lang, Lexicon>>();
function lexiconOf(lang: Lang, synonyms: SynonymGroups = []): Lexicon {
  let byLang = lexicons.get(synonyms);
  if (!byLang) lexicons.set(synonyms, (byLang = new Map()));
  let lex = byLang.get(lang);
  if (!lex) byLang.set(lang, (lex = extendLexicon(lang, synonyms)));
  return lex;
}

/** The stems a page shows and how strongly, with its words for compound splitting. */
function pageIndex(page: PageSignals, lang: Lang, lex: Lexicon) {
  const strength = new Map<string, number>();
  const headline = new Set<string>();
  const prominent = new Set<string>();
  const put = (s: string, v: number) => strength.set(s, Math.max(strength.get(s) ?? 0, v));
  const pageWords = new Set<string>();
  for (const field of Object.keys(FIELD) as Array<keyof typeof FIELD>) {
    for (const t of terms(page[field], lang, lex)) {
      put(t.stem, FIELD[field]);
      pageWords.add(t.word);
      prominent.add(t.stem);
      if (field === 'title' || field === 'h1') headline.add(t.stem);
    }
  }
  const counts = new Map<string, number>();
  for (const t of terms(page.main, lang, lex)) {
    counts.set(t.stem, (counts.get(t.stem) ?? 0) + 1);
    pageWords.add(t.word);
  }
  for (const [s, n] of counts) put(s, n >= 2 ? MAIN_REPEATED : MAIN_ONCE);
  return { strength, headline, prominent, pageWords };
}

/**
 * Scores how well a landing page matches its ad, 0–100, for Spanish and English, and says in plain words
 * when it is off topic or thin. Each ad word (term, keywords, headline; the campaign name only when the ad
 * has none of those) is folded, stemmed (Snowball) and read through the synonym lists; it earns the
 * strength of the strongest place the page shows it (title/h1 1, description 0.8, slug 0.6, main content
 * 0.8 repeated or 0.5 once; a compound counts when its parts are there: "trailrunning" = "trail running"),
 * weighted by how specific the word is to one part of the site (learned from the site's pages and
 * catalogue: 0.2 + 0.8 × specificity; generic ad words 0.15; words the site never uses 0.6). The page is
 * **off topic** when the score is below `minScore`, or when it lacks the ad's distinguishing word (its most
 * specific word, specificity ≥ 0.35) or mentions it only once in its body while its title, h1,
 * description and slug show none of the ad's specific words. It is **thin** below 40 words of main
 * content with no offer. Brand ads (the site's name plus brand words, or marked in the catalogue) need
 * only the brand on the page.
 * @example scoreRelevance({ term: 'zapatillas trail' }, { title: 'Zapatillas de trail running' }).score // 100
 */
export function scoreRelevance(ad: AdText, page: PageSignals, context: ScoreContext = {}): Relevance {
  const { site, minScore = DEFAULT_MIN_SCORE } = context;
  const lang = pickLang(page.lang, page.title, page.h1, page.description, page.main);
  const lex = lexiconOf(lang, context.synonyms);
  const keyed = [...terms(ad.term, lang, lex), ...(ad.keywords ?? []).flatMap((k) => terms(k, lang, lex))];
  const own = [...keyed, ...terms(ad.headline, lang, lex)];
  // Campaign names are often internal codes ("q3_brand_es"): used only when the ad has no words of its own.
  const all = own.length ? own : terms(ad.campaign, lang, lex);
  // The words the ad buys (term, keywords) say what it is about; the headline is copy around them. The
  // distinguishing word is looked for among the former when there are any.
  const targeted = new Set((keyed.length ? keyed : all).map((t) => t.stem));
  const wanted = [...new Map(all.map((t) => [t.stem, t])).values()];
  const siteName = site?.siteName ?? siteNameOf([{ siteName: page.siteName ?? undefined, title: page.title ?? undefined, path: page.path ?? undefined }], context.host);
  const brandAd = ad.brand === true || isBrandAd(all, siteName, lex, site);
  const { strength, headline, prominent, pageWords } = pageIndex(page, lang, lex);

  const shown = (t: Term, i: number): number => {
    const direct = strength.get(t.stem);
    if (direct) return direct;
    // A compound in the ad whose parts the page has: "rainjacket" ~ "rain jacket".
    const w = t.word;
    for (let k = 3; k <= w.length - 3; k++) {
      const a = strength.get(stem(w.slice(0, k), lang));
      const b = strength.get(stem(w.slice(k), lang));
      if (a && b) return Math.min(a, b);
    }
    // Two ad words the page writes as one: "trail running" ~ "trailrunning".
    const next = wanted[i + 1];
    const prev = wanted[i - 1];
    if ((next && pageWords.has(w + next.word)) || (prev && pageWords.has(prev.word + w))) return MAIN_REPEATED;
    return 0;
  };

  const matched: string[] = [];
  const missing: string[] = [];
  let total = 0;
  let weights = 0;
  let inHeadline = false;
  let distinguishing: { term: Term; spec: number; shown: number } | undefined;
  let specificShownProminently = false;
  wanted.forEach((t, i) => {
    const generic = lex.generic.has(t.stem);
    const spec = specificity(site, t.stem);
    const weight = generic ? WEIGHT_GENERIC : spec === undefined ? WEIGHT_UNKNOWN : 0.2 + 0.8 * spec;
    const s = shown(t, i);
    (s > 0 ? matched : missing).push(t.word);
    if (headline.has(t.stem)) inHeadline = true;
    total += weight * s;
    weights += weight;
    if (!generic && spec !== undefined && spec >= DISTINGUISHING_MIN_SPECIFICITY) {
      if (prominent.has(t.stem)) specificShownProminently = true;
      if (targeted.has(t.stem) && (!distinguishing || spec > distinguishing.spec)) distinguishing = { term: t, spec, shown: s };
    }
  });
  const score = weights === 0 ? 100 : Math.round((100 * total) / weights);

  const flags: RelevanceFlag[] = [];
  const flag = (code: RelevanceFlag['code'], messages: say.Words, word?: string) =>
    flags.push({ code, message: messages.en, messages, missing: [...missing], ...(word ? { distinguishing: word } : {}) });
  if (isThin(page)) flag('thin', say.thinPage(page.mainWords!, missing));
  if (brandAd) {
    // A brand ad needs only some of its words (the brand) on the page.
    if (score === 0) flag('off_topic', say.lowScore(score, missing));
  } else if (wanted.length > 0) {
    const word = distinguishing?.term.word;
    if (distinguishing && distinguishing.shown === 0) flag('off_topic', say.lacksDistinguishing(word!, missing), word);
    else if (distinguishing && distinguishing.shown === MAIN_ONCE && !specificShownProminently) flag('off_topic', say.passingMention(word!), word);
    else if (score < minScore) flag('off_topic', say.lowScore(score, missing), word);
  }
  const reasons = flags[0]?.messages ?? say.relevant(score, matched.length, wanted.length, brandAd);
  return { score, matched, missing, inHeadline, distinguishing: distinguishing?.term.word, brandAd, lang, flags, reason: reasons.en, reasons };
}
