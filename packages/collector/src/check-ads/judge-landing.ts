import type { Ad } from '../catalogue/parse.js';
import { scoreRelevance, DEFAULT_MIN_SCORE } from '../relevance/score.js';
import { landingVerdict } from '../relevance/verdict.js';
import { learnSite, type SiteKnowledge } from '../relevance/site-knowledge.js';
import type { SynonymGroups } from '../relevance/lexicon.js';
import { finishResult, type CheckResult } from './check-ad.js';
import { landingDocs, type Landing } from './site-docs.js';

export type { Landing } from './site-docs.js';

/**
 * The judging half of a check: separates the page's main content from the site's boilerplate, scores it
 * against the ad with what is known of the site, and adds the problems of the one landing verdict
 * (`landingVerdict`, shared with the Ad landings table) in plain words (English in `message`, English
 * and Spanish in `messages`): home page (unless a brand ad), bare form, off topic, thin. Without
 * `site`, the site is learned from this page and ad alone.
 */
export function judgeLanding(result: CheckResult, ad: Ad, landing: Landing, options: { minScore?: number; site?: SiteKnowledge; synonyms?: SynonymGroups } = {}): CheckResult {
  const { minScore = DEFAULT_MIN_SCORE, synonyms } = options;
  const site = options.site ?? learnSite(landingDocs(ad, landing, synonyms), landing.url.hostname);
  const { signals, blocks, query, url } = landing;
  const main = blocks.filter((b) => b.zone === 'main' && !site.boilerplate.has(b.hash));
  const relevance = scoreRelevance(
    { term: ad.term ?? query.get('utm_term'), campaign: ad.campaign ?? query.get('utm_campaign'), headline: ad.headline, keywords: ad.keywords, brand: ad.brand },
    {
      title: signals.title, h1: signals.h1, description: signals.description, path: url.pathname, lang: signals.lang, siteName: signals.siteName,
      main: main.map((b) => b.text).join('\n'), mainWords: main.reduce((n, b) => n + b.words, 0),
      // A buy button counts even when every product page repeats it.
      hasOffer: main.some((b) => b.offer) || blocks.some((b) => b.button && b.offer), isForm: signals.isForm,
    },
    { site, synonyms, minScore, host: url.hostname },
  );
  result.relevance = relevance;
  // The same verdict the Ad landings table gives from visitors' signals (relevance/verdict.ts).
  for (const { code, message, messages, weight } of landingVerdict(signals, relevance, minScore)) result.problems.push({ code, message, weight, messages });
  return finishResult(result);
}
