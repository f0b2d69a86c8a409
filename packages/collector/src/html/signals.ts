import { countWords, FORM_PAGE_SKIPPED_TAGS, isAccountField, isFormPage, isHomePath } from '@touchpoint/schema';
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
  /** the page is only a sign-up/registration form, by the schema's one rule (`isFormPage`, shared with the SDK) */
  isForm: boolean;
  /** words of text outside forms, navigation, header, footer, aside and hidden elements (the form rule's count) */
  contentWords: number;
}

// Text in these is never shown as page content.
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'svg']);
// Not content for the form rule: the form, the chrome around the content, hidden text (schema landing-page.ts).
const SKIPPED = new Set(FORM_PAGE_SKIPPED_TAGS.split(','));
const MAX_TEXT = 500;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT) || undefined;

/** The schema's home-page rule (landing-page.ts), re-exported where the checker's signals are read. */
export { isHomePath };

/**
 * Reads a landing page's content signals with a streaming HTML parser (htmlparser2): nothing is
 * executed, broken markup is tolerated the way browsers do, entities are decoded. Whether the page is
 * only a registration form is the schema's `isFormPage` rule, the one the SDK applies in the browser.
 * Words are counted per run of text between tags, like the DOM's text nodes.
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
  let skipped = 0;
  let words = 0;
  // htmlparser2 hands a decoded entity over as its own piece of text: a run is counted at the next tag.
  let run = '';
  const endRun = () => {
    words += countWords(run);
    run = '';
  };
  let formDepth = 0;
  let hasAccountField = false;
  const out: ContentSignals = { noindex: false, isHome: false, isForm: false, contentWords: 0 };

  const parser = new Parser({
    onopentag(name, attrs) {
      endRun();
      if (HIDDEN.has(name)) hidden++;
      if (SKIPPED.has(name)) skipped++;
      if (name === 'form') {
        formDepth++;
        if (attrs['data-touchpoint'] === 'sign_up') hasAccountField = true;
      }
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
      if (name === 'input' && formDepth > 0 && isAccountField(attrs.type)) hasAccountField = true;
    },
    ontext(text) {
      if (hidden) return;
      if (inTitle) title += text;
      if (h1Depth > 0) h1 += text;
      if (!skipped && !inTitle) run += text;
    },
    onclosetag(name) {
      endRun();
      // htmlparser2 reports implied closes too, so the counters stay balanced on broken HTML.
      if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
      if (SKIPPED.has(name)) skipped = Math.max(0, skipped - 1);
      if (name === 'form') formDepth = Math.max(0, formDepth - 1);
      if (name === 'title' && inTitle) {
        inTitle = false;
        titleDone = true;
      }
      if (name === 'h1' && h1Depth > 0 && --h1Depth === 0) h1Done = true;
    },
  }, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  parser.end(html);
  endRun();

  out.title = squash(title);
  out.h1 = squash(h1);
  out.contentWords = words;
  out.isHome = URL.canParse(url) && isHomePath(new URL(url).pathname);
  out.isForm = isFormPage(hasAccountField, words);
  return out;
}
