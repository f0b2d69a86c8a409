import type { Lexicon } from './lexicon.js';
import type { Term } from './normalize.js';
import { nameKey, specificity, type SiteKnowledge } from './site-knowledge.js';

/** Below this specificity a word is common to the whole site ("bicicletas" in a bike shop). */
export const SITE_WIDE_SPECIFICITY = 0.35;

/**
 * True when an ad is about the brand itself, for which the home page is the right landing: its words
 * contain the site's name (spaces and accents aside: "Tecno Casa" = "TecnoCasa") and every other word is
 * one a brand ad adds ("oficial", "official store"), a generic ad word, or a word common to the whole
 * site (specificity below {@link SITE_WIDE_SPECIFICITY}: "Wanderly city breaks" on a city-break site).
 * @param adTerms the ad's terms, in order
 * @example isBrandAd(terms('Ciclos Norte tienda oficial', 'es'), 'Ciclos Norte', lexicon, site) // true
 */
export function isBrandAd(adTerms: readonly Term[], siteName: string | undefined, lexicon: Lexicon, site?: SiteKnowledge): boolean {
  if (!siteName) return false;
  const name = nameKey(siteName);
  if (name.length < 2) return false;
  const list = adTerms.map((t) => t.word.replace(/ /g, ''));
  // The name as a run of consecutive ad words (or one word): "ciclos"+"norte" = "ciclosnorte".
  let found: [number, number] | undefined;
  for (let i = 0; i < list.length && !found; i++) {
    let joined = '';
    for (let j = i; j < list.length && joined.length < name.length; j++) {
      joined += list[j];
      if (joined === name) found = [i, j];
    }
  }
  if (!found) return false;
  const nameWords = new Set([name, ...list.slice(found[0], found[1] + 1)]);
  return adTerms.every((t, i) => {
    if ((i >= found![0] && i <= found![1]) || nameWords.has(list[i]!)) return true;
    if (lexicon.brand.has(t.stem) || lexicon.generic.has(t.stem)) return true;
    const spec = specificity(site, t.stem);
    return spec !== undefined && spec < SITE_WIDE_SPECIFICITY;
  });
}
