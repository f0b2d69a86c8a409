import { Parser } from 'htmlparser2';
import { foldText } from '../relevance/normalize.js';
import { hasPrice, isBuyButton } from '../relevance/thin.js';

/** One block of a page's visible text (a paragraph, heading, list item, cell, button…). */
export interface TextBlock {
  /** fingerprint of the block's element and folded text: the same menu on every page has the same one */
  hash: string;
  text: string;
  words: number;
  /** `main`: page content; `form`: inside a form (fields, buttons) */
  zone: 'main' | 'form';
  /** names a price, or is a button that buys or books */
  offer: boolean;
  /** the block is a button (or submit input) */
  button: boolean;
}

// Never shown as text.
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head']);
// Site chrome by element or ARIA landmark: never the page's content.
const CHROME = new Set(['nav', 'header', 'footer', 'aside']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search']);
const BLOCK = new Set(['address', 'article', 'blockquote', 'body', 'br', 'button', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'table', 'td', 'th', 'tr', 'ul', 'label', 'select', 'option']);
const MAX_BLOCKS = 2000;

// FNV-1a, 32 bits: a short stable fingerprint (collisions between two blocks of one site are harmless:
// at worst one block is taken for boilerplate).
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * Splits a page's visible text into blocks, leaving out what is never content: scripts and styles, and
 * the site's chrome — `<nav>`, `<header>`, `<footer>`, `<aside>` and their ARIA roles. Menus built from
 * plain `<div>`s are left to the site's learning: a block repeated across its pages is boilerplate.
 * @example readBlocks('<nav>Menu</nav><h1>Trail</h1><p>Zapatillas</p>').map((b) => b.text) // ['Trail', 'Zapatillas']
 */
export function readBlocks(html: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  const stack: string[] = [];
  let hidden = 0;
  let chrome = 0;
  let form = 0;
  let text = '';
  const chromeStack: boolean[] = [];
  const flush = () => {
    const t = text.replace(/\s+/g, ' ').trim();
    text = '';
    if (!t || chrome || blocks.length >= MAX_BLOCKS) return;
    const tag = stack[stack.length - 1] ?? 'body';
    const button = tag === 'button';
    blocks.push({ hash: fnv1a(`${tag}|${foldText(t)}`), text: t, words: t.split(' ').length, zone: form ? 'form' : 'main', offer: hasPrice(t) || (button && isBuyButton(t)), button });
  };
  const parser = new Parser({
    onopentag(name, attrs) {
      if (HIDDEN.has(name)) hidden++;
      const isChrome = CHROME.has(name) || CHROME_ROLES.has((attrs.role ?? '').toLowerCase());
      chromeStack.push(isChrome);
      if (BLOCK.has(name) || isChrome) flush();
      if (isChrome) chrome++;
      if (name === 'form') form++;
      if (BLOCK.has(name)) stack.push(name);
      if (name === 'input' && /^(submit|button)$/i.test(attrs.type ?? '') && attrs.value && !hidden && !chrome) {
        const t = attrs.value.trim();
        blocks.push({ hash: fnv1a(`button|${foldText(t)}`), text: t, words: t.split(/\s+/).length, zone: form ? 'form' : 'main', offer: isBuyButton(t), button: true });
      }
    },
    ontext(t) {
      if (!hidden) text += t;
    },
    onclosetag(name) {
      if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
      const wasChrome = chromeStack.pop() ?? false;
      if (BLOCK.has(name) || wasChrome) flush();
      if (BLOCK.has(name)) {
        const i = stack.lastIndexOf(name);
        if (i >= 0) stack.length = i;
      }
      if (wasChrome) chrome = Math.max(0, chrome - 1);
      if (name === 'form') form = Math.max(0, form - 1);
    },
  }, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  parser.end(html);
  flush();
  return blocks;
}
