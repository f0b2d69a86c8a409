/// <reference path="./snowball-stemmers.d.ts" />
import snowball from 'snowball-stemmers';

/** The languages the relevance scorer reads. */
export type Lang = 'es' | 'en';

// The Snowball stemmers (snowballstem.org, via snowball-stemmers): "running" → "run", "corriendo" →
// "corr", "caminando" → "camin", "zapatillas" → "zapatill". Built once, on first use.
const stemmers = new Map<Lang, snowball.Stemmer>();
const cache = new Map<string, string>();

// Snowball's Spanish stemmer reads "-ar", "-er" and "-ir" as verb endings, so a noun and its plural part
// ways: "auricular" → "auricul" but "auriculares" → "auricular" (also "ordenador(es)", "móvil(es)").
// Plurals in consonant + "es" are made singular first, so both forms meet: "-ces" → "-z" (luces → luz),
// "-[rlndj]es" → drop "es" (auriculares → auricular, camiones → camion). Snowball also leaves the "s" of
// "-is" and "-us" ("bicis" stays "bicis"): dropped too.
function singularEs(word: string): string {
  if (word.length < 4) return word;
  if (/[iu]s$/.test(word)) return word.slice(0, -1);
  if (word.length < 5) return word;
  if (word.endsWith('ces')) return `${word.slice(0, -3)}z`;
  return /[rlndj]es$/.test(word) ? word.slice(0, -2) : word;
}

/**
 * Reduces a word to its Snowball stem in Spanish or English, so inflections meet: zapatillas/zapatilla,
 * shoes/shoe, running/run, corriendo/correr.
 * @param word lower-case and accent-free (see `foldText`)
 * @example stem('running', 'en') // 'run'
 */
export function stem(word: string, lang: Lang): string {
  const key = `${lang}:${word}`;
  let out = cache.get(key);
  if (out !== undefined) return out;
  let s = stemmers.get(lang);
  if (!s) stemmers.set(lang, (s = snowball.newStemmer(lang === 'es' ? 'spanish' : 'english')));
  out = s.stem(lang === 'es' ? singularEs(word) : word);
  // Bounded: page text is open-ended, the cache only needs the site's working vocabulary.
  if (cache.size > 50_000) cache.clear();
  cache.set(key, out);
  return out;
}
