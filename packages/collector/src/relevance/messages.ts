// The relevance flags in plain words, in English and Spanish: each says what is wrong and its evidence.

/** A text in both languages the product speaks. */
export interface Words {
  en: string;
  es: string;
}

const quoted = (list: readonly string[], lang: 'en' | 'es') => list.map((w) => (lang === 'es' ? `«${w}»` : `"${w}"`)).join(', ');

/** The page lacks the ad's distinguishing word. */
export const lacksDistinguishing = (word: string, missing: readonly string[]): Words => ({
  en: `off topic: the page never says ${quoted([word], 'en')}, the word that sets this ad apart${missing.length > 1 ? ` (also missing: ${quoted(missing.filter((m) => m !== word), 'en')})` : ''}`,
  es: `fuera de tema: la página no dice ${quoted([word], 'es')}, la palabra que distingue este anuncio${missing.length > 1 ? ` (también faltan: ${quoted(missing.filter((m) => m !== word), 'es')})` : ''}`,
});

/** The distinguishing word is only mentioned in passing. */
export const passingMention = (word: string): Words => ({
  en: `off topic: the page mentions ${quoted([word], 'en')}, the word that sets this ad apart, only in passing — not in its title, heading or description`,
  es: `fuera de tema: la página solo menciona de pasada ${quoted([word], 'es')}, la palabra que distingue este anuncio — no en su título, encabezado ni descripción`,
});

/** Too few of the ad's words are on the page. */
export const lowScore = (score: number, missing: readonly string[]): Words => ({
  en: `off topic: relevance ${score}/100${missing.length ? `, the page lacks ${quoted(missing, 'en')}` : ''}`,
  es: `fuera de tema: relevancia ${score}/100${missing.length ? `, a la página le falta ${quoted(missing, 'es')}` : ''}`,
});

/** The page is thin. */
export const thinPage = (mainWords: number, missing: readonly string[]): Words => ({
  en: `thin page: ${mainWords} word${mainWords === 1 ? '' : 's'} of content and no offer (no price, no buy button)${missing.length ? `; lacks ${quoted(missing, 'en')}` : ''}`,
  es: `página pobre: ${mainWords} palabra${mainWords === 1 ? '' : 's'} de contenido y ninguna oferta (ni precio ni botón de compra)${missing.length ? `; le falta ${quoted(missing, 'es')}` : ''}`,
});

/** The verdict when nothing is wrong. */
export const relevant = (score: number, matched: number, total: number, brand: boolean): Words => brand
  ? { en: `relevance ${score}/100: a brand ad`, es: `relevancia ${score}/100: anuncio de marca` }
  : { en: `relevance ${score}/100: ${matched} of ${total} ad words on the page`, es: `relevancia ${score}/100: ${matched} de ${total} palabras del anuncio en la página` };
