import type { Ad } from '../catalogue/parse.js';
import { scoreRelevance, DEFAULT_MIN_SCORE, type RelevanceFlag } from '../relevance/score.js';
import { learnSite, type SiteKnowledge } from '../relevance/site-knowledge.js';
import type { SynonymGroups } from '../relevance/lexicon.js';
import { finishResult, type CheckResult } from './check-ad.js';
import { landingDocs, type Landing } from './site-docs.js';

export type { Landing } from './site-docs.js';

// How bad each relevance problem is next to the others (see check-ad.ts): a bare form or a home page
// says more than a score; a thin page is worse than one that is merely about something else.
const WEIGHT: Record<RelevanceFlag['code'], number> = { thin: 35, off_topic: 30 };

/**
 * The judging half of a check: separates the page's main content from the site's boilerplate, scores it
 * against the ad with what is known of the site, and adds the problems in plain words (English in
 * `message`, English and Spanish in `messages`): home page (unless a brand ad), bare form, off topic,
 * thin. Without `site`, the site is learned from this page and ad alone.
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
  const problem = (code: string, message: string, weight: number, messages?: { en: string; es: string }) => result.problems.push({ code, message, weight, ...(messages ? { messages } : {}) });
  if (signals.isHome && !relevance.brandAd) problem('home_page', 'lands on the home page', 50, { en: 'lands on the home page', es: 'llega a la página de inicio' });
  if (signals.isForm) problem('form_page', 'page is only a registration form', 45, { en: 'page is only a registration form', es: 'la página es solo un formulario de registro' });
  for (const f of relevance.flags) {
    const weight = f.code === 'off_topic' ? WEIGHT.off_topic + Math.max(0, minScore - relevance.score) / 10 : WEIGHT[f.code];
    problem(f.code, f.message, weight, f.messages);
  }
  return finishResult(result);
}
