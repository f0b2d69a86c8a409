// What the reader chose — site, dates, bots, language, stage model — read from the address and kept in
// the browser's storage, so a reload or a new tab opens the same view.
import { asLang, type Lang } from './lang.js';

/** The part of Web Storage the dashboard uses; it may be missing or throw (private modes), never fatally. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

/** The report filters. Dates are ISO days ("2026-01-05"), empty for open. */
export interface Filters {
  site: string;
  from: string;
  to: string;
  /** include touchpoints from bots (`bots=include`) */
  bots: boolean;
}

const KEYS = { lang: 'tp.lang', site: 'tp.site', model: 'tp.model' } as const;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function read(storage: KeyValueStore | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(storage: KeyValueStore | undefined, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // storage full or refused: the choice lasts until the page closes
  }
}

/** The filters given in the address (`?site=&from=&to=&bots=include`), the site falling back to the last one chosen. */
export function readFilters(search: URLSearchParams, storage?: KeyValueStore): Filters {
  const day = (k: string) => {
    const v = search.get(k) ?? '';
    return ISO_DAY.test(v) ? v : '';
  };
  return { site: search.get('site') ?? read(storage, KEYS.site) ?? '', from: day('from'), to: day('to'), bots: search.get('bots') === 'include' };
}

/** The query string of a report request for `filters` (empty values left out). */
export function filterQuery(filters: Filters): URLSearchParams {
  const q = new URLSearchParams();
  if (filters.site) q.set('site', filters.site);
  if (filters.from) q.set('from', filters.from);
  if (filters.to) q.set('to', filters.to);
  if (filters.bots) q.set('bots', 'include');
  return q;
}

/** Remembers the chosen site. */
export function saveSite(storage: KeyValueStore | undefined, site: string): void {
  write(storage, KEYS.site, site);
}

/** The language: the one chosen before, else the browser's when it is Spanish, else English. */
export function chooseLang(storage: KeyValueStore | undefined, browserLanguages: readonly string[]): Lang {
  const saved = asLang(read(storage, KEYS.lang));
  if (saved) return saved;
  for (const l of browserLanguages) {
    const lang = asLang(l.toLowerCase().split('-')[0]);
    if (lang) return lang;
  }
  return 'en';
}

/** Remembers the chosen language. */
export function saveLang(storage: KeyValueStore | undefined, lang: Lang): void {
  write(storage, KEYS.lang, lang);
}

/** The journey stage model chosen before (`phase` by default). */
export function chooseModel(storage: KeyValueStore | undefined): 'phase' | 'p5' {
  return read(storage, KEYS.model) === 'p5' ? 'p5' : 'phase';
}

/** Remembers the journey stage model. */
export function saveModel(storage: KeyValueStore | undefined, model: 'phase' | 'p5'): void {
  write(storage, KEYS.model, model);
}
