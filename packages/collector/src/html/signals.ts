import { Parser } from 'htmlparser2';

/** What a landing page says about itself, read from its HTML. */
export interface ContentSignals {
  title?: string;
  /** `<meta name="description">` */
  description?: string;
  /** text of the first `<h1>` */
  h1?: string;
  /** `<link rel="canonical">` href, resolved against the page URL */
  canonical?: string;
  /** `<html lang>` */
  lang?: string;
  /** `<meta property="og:site_name">`: the site's name */
  siteName?: string;
  /** `<meta name="robots" content="noindex">` (or googlebot) */
  noindex: boolean;
  /** the page is the site's home page (`/`, `/index.html`, or a bare language root such as `/es/`) */
  isHome: boolean;
  /** the page is mainly a sign-up/registration form (see {@link extractSignals}) */
  isForm: boolean;
  /** words of visible text outside forms, navigation, header and footer */
  contentWords: number;
}

// Text in these is never shown as page content.
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'svg']);
// Chrome around the content: a registration page with a big footer is still a bare form.
const CHROME = new Set(['nav', 'header', 'footer', 'form', 'aside']);
const MAX_TEXT = 500;
/** Below this many words of content outside the form, a page with a registration form is "only a form". */
export const FORM_PAGE_MAX_WORDS = 80;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT) || undefined;

/**
 * True for a site's home page: `/`, `/index.html` (or .htm/.php), or a bare language root such as `/es/`
 * or `/en-GB`.
 * @example isHomePath('/es/') // true
 */
export function isHomePath(path: string): boolean {
  return /^\/(?:[a-z]{2}(?:[-_][a-zA-Z]{2})?\/?)?(?:index\.(?:html?|php))?$/i.test(path);
}

/**
 * Reads a landing page's content signals with a streaming HTML parser (htmlparser2): nothing is
 * executed, broken markup is tolerated the way browsers do, entities are decoded. A page counts as a
 * registration form when it has a form with a password or e-mail field and fewer than
 * {@link FORM_PAGE_MAX_WORDS} words of content outside forms, navigation, header and footer.
 * @param html the decoded document
 * @param url the page's final URL (for the home-page test and to resolve the canonical link)
 * @example extractSignals('<title>Trail</title><h1>Zapatillas</h1>', 'https://shop.example/es/trail').h1 // 'Zapatillas'
 */
export function extractSignals(html: string, url: string): ContentSignals {
  let title = '';
  let h1 = '';
  let inTitle = false;
  let titleDone = false;
  let h1Depth = 0;
  let h1Done = false;
  let hidden = 0;
  let chrome = 0;
  let words = 0;
  let formDepth = 0;
  let hasAccountField = false;
  const out: ContentSignals = { noindex: false, isHome: false, isForm: false, contentWords: 0 };

  const parser = new Parser({
    onopentag(name, attrs) {
      if (HIDDEN.has(name)) hidden++;
      if (CHROME.has(name)) chrome++;
      if (name === 'form') formDepth++;
      if (name === 'title' && !titleDone) inTitle = true;
      if (name === 'h1' && !h1Done) h1Depth++;
      if (name === 'html' && attrs.lang && !out.lang) out.lang = attrs.lang.trim().slice(0, 35);
      if (name === 'meta') {
        const key = (attrs.name ?? attrs.property ?? '').toLowerCase();
        if (key === 'description' && out.description === undefined) out.description = squash(attrs.content ?? '');
        if (key === 'og:site_name' && out.siteName === undefined) out.siteName = squash(attrs.content ?? '');
        if ((key === 'robots' || key === 'googlebot') && /\bnoindex\b/i.test(attrs.content ?? '')) out.noindex = true;
      }
      if (name === 'link' && /(^|\s)canonical(\s|$)/i.test(attrs.rel ?? '') && attrs.href && !out.canonical) {
        try {
          out.canonical = new URL(attrs.href, url).href;
        } catch {
          out.canonical = attrs.href.slice(0, MAX_TEXT);
        }
      }
      if (name === 'input') {
        const type = (attrs.type ?? '').toLowerCase();
        const id = `${attrs.name ?? ''} ${attrs.autocomplete ?? ''}`.toLowerCase();
        if (formDepth > 0 && (type === 'password' || type === 'email' || /new-password|email/.test(id))) hasAccountField = true;
      }
    },
    ontext(text) {
      if (hidden) return;
      if (inTitle) title += text;
      if (h1Depth > 0) h1 += text;
      if (!chrome && !inTitle) words += text.split(/\s+/).filter(Boolean).length;
    },
    onclosetag(name) {
      // htmlparser2 reports implied closes too, so the counters stay balanced on broken HTML.
      if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
      if (CHROME.has(name)) chrome = Math.max(0, chrome - 1);
      if (name === 'form') formDepth = Math.max(0, formDepth - 1);
      if (name === 'title' && inTitle) {
        inTitle = false;
        titleDone = true;
      }
      if (name === 'h1' && h1Depth > 0 && --h1Depth === 0) h1Done = true;
    },
  }, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  parser.end(html);

  out.title = squash(title);
  out.h1 = squash(h1);
  out.contentWords = words;
  out.isHome = URL.canParse(url) && isHomePath(new URL(url).pathname);
  out.isForm = hasAccountField && words < FORM_PAGE_MAX_WORDS;
  return out;
}
