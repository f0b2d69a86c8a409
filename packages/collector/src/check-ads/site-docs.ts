import type { Ad } from '../catalogue/parse.js';
import type { ContentSignals } from '../html/signals.js';
import type { TextBlock } from '../html/blocks.js';
import { pickLang } from '../relevance/language.js';
import { extendLexicon, type SynonymGroups } from '../relevance/lexicon.js';
import { stems } from '../relevance/normalize.js';
import type { SiteDoc } from '../relevance/site-knowledge.js';

/** A landing page as the checker read it. */
export interface Landing {
  url: URL;
  signals: ContentSignals;
  blocks: TextBlock[];
  /** the ad URL's query (for `utm_term` and `utm_campaign` when the catalogue has none) */
  query: URLSearchParams;
}

/** The language a landing is read in. */
export const landingLang = (l: Landing) => pickLang(l.signals.lang, l.signals.title, l.signals.h1, l.signals.description, l.blocks.slice(0, 50).map((b) => b.text).join(' '));

/** The ad's own words (term, keywords, headline; else the campaign name). */
export const adWords = (ad: Ad, query?: URLSearchParams) => {
  const own = [ad.term ?? query?.get('utm_term'), ...ad.keywords, ad.headline].filter(Boolean).join(' \n ');
  return own || (ad.campaign ?? query?.get('utm_campaign') ?? '');
};

/**
 * What a checked landing teaches about its site: the page (its content blocks, outside the chrome, as
 * fingerprints and stems) and the ad (its stems), each keyed so re-checking replaces rather than adds.
 * @example learnSite(landingDocs(ad, landing))
 */
export function landingDocs(ad: Ad, landing: Landing, synonyms: SynonymGroups = []): SiteDoc[] {
  const lang = landingLang(landing);
  const lexicon = extendLexicon(lang, synonyms);
  const origin = landing.url.origin;
  const page: SiteDoc = {
    origin, key: `page:${landing.url.pathname}`, lang,
    blocks: landing.blocks.filter((b) => b.zone === 'main').map((b) => [b.hash, [...new Set(stems(b.text, lang, lexicon))]]),
    siteName: landing.signals.siteName, title: landing.signals.title, path: landing.url.pathname,
  };
  const adDoc: SiteDoc = { origin, key: `ad:${ad.adId}`, lang, stems: [...new Set(stems(adWords(ad, landing.query), lang, lexicon))] };
  return [page, adDoc];
}
