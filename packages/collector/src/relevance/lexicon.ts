import en from './lexicon/en.json' with { type: 'json' };
import es from './lexicon/es.json' with { type: 'json' };
import { foldText, words } from './normalize.js';
import { stem, type Lang } from './stem.js';
import { STOP_WORDS } from './stop-words.js';

/** A language's word lists, compiled for matching (stems as keys). */
export interface Lexicon {
  lang: Lang;
  /** a phrase's stems joined by a space → the stems of its group's first phrase */
  synonyms: ReadonlyMap<string, readonly string[]>;
  /** phrase length in words, at most */
  longest: number;
  /** stems of words that say nothing about the offer ("comprar", "cheap") */
  generic: ReadonlySet<string>;
  /** stems of words a brand ad may add to the brand's name ("oficial", "official store") */
  brand: ReadonlySet<string>;
}

/** Synonym groups: each a list of phrases, the first the one the others are read as. */
export type SynonymGroups = ReadonlyArray<readonly string[]>;

const phraseStems = (phrase: string, lang: Lang) => words(phrase).filter((w) => w.length >= 2 && !STOP_WORDS.has(w)).map((w) => stem(w, lang));

function compile(lang: Lang, groups: SynonymGroups, generic: readonly string[], brand: readonly string[], base?: Lexicon): Lexicon {
  const synonyms = new Map(base?.synonyms);
  let longest = base?.longest ?? 1;
  for (const group of groups) {
    const canonical = phraseStems(group[0] ?? '', lang);
    if (canonical.length === 0) continue;
    for (const phrase of group.slice(1)) {
      const key = phraseStems(phrase, lang);
      // A phrase that is its own canonical form needs no entry (and must not loop).
      if (key.length === 0 || key.join(' ') === canonical.join(' ')) continue;
      synonyms.set(key.join(' '), canonical);
      longest = Math.max(longest, key.length);
    }
  }
  const set = (list: readonly string[], into?: ReadonlySet<string>) => new Set([...(into ?? []), ...list.map((w) => stem(foldText(w), lang))]);
  return { lang, synonyms, longest, generic: set(generic, base?.generic), brand: set(brand, base?.brand) };
}

const builtIn = new Map<Lang, Lexicon>();

/**
 * The built-in lexicon of a language (`lexicon/es.json`, `lexicon/en.json`): a small curated list of
 * synonym groups, generic ad words and brand-ad words. Compiled once, on first use.
 * @example lexiconFor('en').synonyms.get('trainer') // ['sneaker']
 */
export function lexiconFor(lang: Lang): Lexicon {
  let lex = builtIn.get(lang);
  if (!lex) {
    const data = lang === 'es' ? es : en;
    builtIn.set(lang, (lex = compile(lang, data.synonyms, data.generic, data.brand)));
  }
  return lex;
}

/**
 * The built-in lexicon extended with a shop's own synonym groups (the catalogue's `synonyms` column);
 * a shop's group overrides a built-in one for the same phrase.
 * @example extendLexicon('es', [['bici eléctrica', 'e-bike']])
 */
export function extendLexicon(lang: Lang, groups: SynonymGroups): Lexicon {
  const base = lexiconFor(lang);
  return groups.length === 0 ? base : compile(lang, groups, [], [], base);
}

/**
 * Reads synonym groups as written in a catalogue field: groups separated by `|`, the phrases of a group
 * by `=` (the first phrase is the one the others are read as).
 * @example parseSynonyms('sudadera con capucha=hoodie|bici=bicicleta') // [['sudadera con capucha','hoodie'], ['bici','bicicleta']]
 */
export function parseSynonyms(field: string): string[][] {
  return field.split('|').map((g) => g.split('=').map((p) => p.trim()).filter(Boolean)).filter((g) => g.length >= 2);
}
