import type { AdLandingProperties, Properties } from '@touchpoint/schema';
import type { Feature } from '../types.js';

const text = (sel: string, attr?: string) => {
  const el = document.querySelector(sel);
  const v = el ? (attr ? el.getAttribute(attr) : el.textContent) : null;
  return v ? v.trim().slice(0, 500) : undefined;
};

/** The site's home page: `/`, `/index.html` or a bare language root such as `/es/` or `/pt-br/`. */
export const isHome = (path: string) => /^\/([a-z]{2}(-[a-z]{2})?\/?)?(index\.html?)?$/i.test(path);

/**
 * True when the page is mainly a sign-up form: a form with a password or e-mail field (or tagged
 * `data-touchpoint="sign_up"`) whose text is at least half of the page's text.
 */
export function isFormPage(): boolean {
  const body = (document.body && document.body.textContent) || '';
  for (const f of Array.from(document.forms)) {
    if (f.querySelector('input[type=password],input[type=email]') || f.getAttribute('data-touchpoint') == 'sign_up') {
      // Labels and placeholders are what a form shows; compare visible text only.
      if ((f.textContent || '').trim().length * 2 + 40 >= body.trim().length) return true;
    }
  }
  return false;
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
