import { words } from './normalize.js';
import type { Lang } from './stem.js';

// Function words frequent in one language and rare in the other (accent-free).
const MARKERS: Record<Lang, ReadonlySet<string>> = {
  es: new Set('de la el los las y en para con por del al una un que es su sus como mas sin nuestro nuestra tu'.split(' ')),
  en: new Set('the and of for with to in your our is are on from by at this that you it an as'.split(' ')),
};

/**
 * The language to read a page and its ad in: the page's `lang` when it is Spanish or English, else the
 * one whose function words are more frequent in the text, else Spanish (the default market).
 * @example pickLang('en-GB', '') // 'en'
 */
export function pickLang(declared: string | null | undefined, ...texts: Array<string | null | undefined>): Lang {
  const code = (declared ?? '').trim().slice(0, 2).toLowerCase();
  if (code === 'es' || code === 'en') return code;
  let es = 0;
  let en = 0;
  for (const t of texts) {
    for (const w of words(t ?? '')) {
      if (MARKERS.es.has(w)) es++;
      if (MARKERS.en.has(w)) en++;
    }
  }
  return en > es ? 'en' : 'es';
}
