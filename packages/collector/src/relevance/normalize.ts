import { stem } from './stem.js';
import { STOP_WORDS } from './stop-words.js';

/**
 * Lower-cases `text` and removes accents and other diacritics ("Canción" → "cancion"), keeping ñ
 * distinct enough to still match itself ("España" → "espana" on both sides).
 * @example foldText('Zapatillas de MONTAÑA') // 'zapatillas de montana'
 */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * Splits text (Spanish or English) into the stems that carry meaning: folded, split on anything that is
 * not a letter or digit (so paths and kebab-case slugs split too), stop words and 1-letter tokens dropped,
 * each word stemmed.
 * @param text any text: a title, a heading, a URL path, a comma-separated keyword list
 * @returns stems in order of appearance, duplicates kept
 * @example terms('Las mejores zapatillas de running') // ['mejor', 'zapatill', 'runn']
 */
export function terms(text: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const word of foldText(text).split(/[^a-z0-9]+/)) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    out.push(stem(word));
  }
  return out;
}
