// A deliberately small suffix stripper for Spanish and English. Ad relevance only needs "zapatillas" to
// meet "zapatilla" and "running shoes" to meet "shoe": a full Snowball stemmer would be 10× the code for a
// score that is a heuristic anyway. One suffix is stripped (longest first), then a final gender/number
// vowel, so both sides of a comparison land on the same stem: zapatillas/zapatilla → zapatill,
// shoes/shoe → sho, camiones/camión → camion, rojas/rojo → roj.
const SUFFIXES: ReadonlyArray<[suffix: string, minBase: number]> = [
  ['aciones', 4], ['uciones', 4], ['amientos', 4], ['imientos', 4], ['amiento', 4], ['imiento', 4],
  ['acion', 4], ['ucion', 4], ['mente', 4],
  ['ations', 4], ['ation', 4], ['ness', 4], ['ings', 4], ['ing', 4], ['ies', 3], ['ied', 3], ['ers', 4],
  ['es', 3], ['ed', 4], ['er', 4], ['s', 3],
];

/**
 * Reduces a word to a stem shared by its common Spanish/English inflections.
 * @param word lower-case, accent-free (see `foldText`)
 * @example stem('zapatillas') === stem('zapatilla') // true
 */
export function stem(word: string): string {
  let base = word;
  for (const [suffix, minBase] of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= minBase) {
      base = word.slice(0, -suffix.length) + (suffix === 'ies' || suffix === 'ied' ? 'y' : '');
      break;
    }
  }
  // Spanish gender/number vowels (zapato/zapata) and English silent e (shoe/game).
  return base.length > 3 && /[aeo]$/.test(base) ? base.slice(0, -1) : base;
}
