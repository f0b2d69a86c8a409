import { countWords, FORM_PAGE_SKIPPED_TAGS, isAccountField, isFormPage as formRule, isHomePath, type AdLandingProperties, type Properties } from '@touchpoint/schema';
import type { Feature } from '../types.js';

const text = (sel: string, attr?: string) => {
  const el = document.querySelector(sel);
  const v = el ? (attr ? el.getAttribute(attr) : el.textContent) : null;
  return v ? v.trim().slice(0, 500) : undefined;
};

/** The site's home page, by the schema's rule (`isHomePath`, shared with the ad checker): `/`, `/index.html` or a bare language root such as `/es/`. */
export const isHome = isHomePath;

/**
 * True when the page is only a sign-up form, by the schema's one rule (`isFormPage`, shared with the
 * collector's ad checker): a form with an account field (or tagged `data-touchpoint="sign_up"`) and
 * fewer than 80 words of text outside forms, navigation, header, footer and hidden elements.
 */
export function isFormPage(): boolean {
  const body = document.body;
  const account = !!document.querySelector('form[data-touchpoint=sign_up]')
    || Array.from(document.querySelectorAll('form input')).some((i) => isAccountField(i.getAttribute('type')));
  let words = 0;
  // Text nodes, as the checker's HTML parser sees them (4 = NodeFilter.SHOW_TEXT).
  const walk = account && body && document.createTreeWalker(body, 4);
  for (let n: Node | null; walk && (n = walk.nextNode());) if (!n.parentElement!.closest(FORM_PAGE_SKIPPED_TAGS)) words += countWords(n.nodeValue!);
  return formRule(account, words);
}

/** What an ad landing page offers to someone checking the ad's relevance (schema `AdLandingProperties`). */
export function landingSignals(): AdLandingProperties {
  const path = location.pathname;
  const p: AdLandingProperties = { path, is_home: isHome(path), is_form: isFormPage() };
  const add = (k: string, v?: string) => v && ((p as unknown as Record<string, string>)[k] = v);
  add('title', document.title);
  add('description', text('meta[name=description]', 'content'));
  add('h1', text('h1'));
  add('canonical', text('link[rel=canonical]', 'href'));
  add('lang', document.documentElement.lang);
  return p;
}

/** Feature of the full build: every `adLanding()` carries the landing page's signals (the core sends the campaign only). */
export const landingPageSignals: Feature = (client) => {
  const base = client.adLanding;
  client.adLanding = (campaign, properties) => base(campaign, { ...(landingSignals() as unknown as Properties), ...properties });
};
