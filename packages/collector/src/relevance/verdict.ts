import type { Relevance } from './score.js';
import type { Words } from './messages.js';

/** The codes of a landing verdict's flags: what is wrong with the page an ad sends visitors to. */
export const VERDICT_CODES = ['home_page', 'form_page', 'off_topic', 'thin'] as const;

/** One flag of a landing verdict, in plain words. */
export interface VerdictFlag {
  code: (typeof VERDICT_CODES)[number];
  /** plain words, English */
  message: string;
  /** plain words in English and Spanish */
  messages: Words;
  /** larger is worse (the checker lists its worst ads first with it) */
  weight: number;
}

// How bad each problem is next to the others: a bare form or a home page says more than a score; a thin
// page is worse than one that is merely about something else.
const HOME: Words = { en: 'lands on the home page', es: 'llega a la página de inicio' };
const FORM: Words = { en: 'page is only a registration form', es: 'la página es solo un formulario de registro' };
const WEIGHT = { home_page: 50, form_page: 45, thin: 35, off_topic: 30 } as const;

/**
 * The one verdict on an ad's landing page, shared by the ad checker (signals read from the fetched HTML)
 * and the Ad landings table (signals the SDK read in visitors' browsers): the home page unless a brand
 * ad, only a registration form (the schema's `isFormPage` rule on both sides), then the relevance
 * score's own flags (off topic, thin). An off-topic page weighs more the further below `minScore` it is.
 * @example landingVerdict({ isHome: false, isForm: true }, relevance, 40)[0].code // 'form_page'
 */
export function landingVerdict(page: { isHome: boolean; isForm: boolean }, relevance: Relevance, minScore: number): VerdictFlag[] {
  const out: VerdictFlag[] = [];
  if (page.isHome && !relevance.brandAd) out.push({ code: 'home_page', message: HOME.en, messages: HOME, weight: WEIGHT.home_page });
  if (page.isForm) out.push({ code: 'form_page', message: FORM.en, messages: FORM, weight: WEIGHT.form_page });
  for (const f of relevance.flags) {
    const weight = f.code === 'off_topic' ? WEIGHT.off_topic + Math.max(0, minScore - relevance.score) / 10 : WEIGHT[f.code];
    out.push({ code: f.code, message: f.message, messages: f.messages, weight });
  }
  return out;
}
