import { lexiconFor, type Lexicon } from './lexicon.js';
import { stem, type Lang } from './stem.js';
import { STOP_WORDS } from './stop-words.js';

/**
 * Lower-cases `text` and removes accents and other diacritics ("Canción" → "cancion", "Montaña" →
 * "montana"), so a word typed without its accents meets the page's.
 * @example foldText('Zapatillas de MONTAÑA') // 'zapatillas de montana'
 */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** One meaningful word of a text: as written (folded) and as its stem, or a synonym group's stem. */
export interface Term {
  /** the folded word (for compound splitting); the phrase's words joined by a space for a synonym */
  word: string;
  stem: string;
}

/**
 * Splits folded text into words: letters and digits; a single letter hyphenated to a word is part of it
 * ("t-shirt" → "tshirt", "e-bike" → "ebike"); everything else separates (slugs and paths split too).
 */
export function words(text: string): string[] {
  return foldText(text).replace(/\b([a-z])-(?=[a-z]{2})/g, '$1').split(/[^a-z0-9]+/).filter(Boolean);
}

/**
 * Splits text (Spanish or English) into the terms that carry meaning: folded, split into words, stop
 * words and 1-letter tokens dropped, each word stemmed with the language's Snowball stemmer, and each
 * phrase of the lexicon's synonym groups read as the group's first phrase (longest phrase first).
 * @param text any text: a title, a heading, a URL path, a keyword list
 * @param lang the language to stem in
 * @param lexicon synonyms to apply (default: the built-in lexicon of `lang`)
 * @returns terms in order of appearance, duplicates kept
 * @example terms('The best running shoes', 'en').map((t) => t.stem) // ['best', 'run', 'shoe']
 */
export function terms(text: string | null | undefined, lang: Lang, lexicon: Lexicon = lexiconFor(lang)): Term[] {
  if (!text) return [];
  const raw: Term[] = [];
  for (const word of words(text)) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    raw.push({ word, stem: stem(word, lang) });
  }
  if (lexicon.synonyms.size === 0) return raw;
  const out: Term[] = [];
  for (let i = 0; i < raw.length;) {
    let matched = false;
    for (let n = Math.min(lexicon.longest, raw.length - i); n >= 1; n--) {
      const key = raw.slice(i, i + n).map((t) => t.stem).join(' ');
      const canonical = lexicon.synonyms.get(key);
      if (!canonical) continue;
      const phrase = raw.slice(i, i + n).map((t) => t.word).join(' ');
      for (const s of canonical) out.push({ word: phrase, stem: s });
      i += n;
      matched = true;
      break;
    }
    if (!matched) out.push(raw[i++]!);
  }
  return out;
}

/** The stems of `terms(text, lang)`. */
export const stems = (text: string | null | undefined, lang: Lang, lexicon?: Lexicon): string[] => terms(text, lang, lexicon).map((t) => t.stem);
