import type { PageContext } from '@touchpoint/schema';
import { stripUrl, type StripOptions } from './url-strip.js';

/**
 * The current page as the envelope's `page`: stripped URL and referrer, path and title. With
 * `hashRoutes` the path includes the hash route (`/#/products/42`), as the page views it tells apart.
 */
export function pageContext(c: StripOptions, referrer = document.referrer): PageContext {
  const url = stripUrl(location.href, c) || '';
  // the stripped URL's fragment is a hash route or nothing ('#' cannot come earlier in a URL); the match
  // array concatenates as its one string
  // absent fields stay undefined: JSON leaves them out
  return { url, path: location.pathname + (/#\/[^?#]*/.exec(url) || ''), title: document.title || undefined, referrer: stripUrl(referrer, c) };
}
