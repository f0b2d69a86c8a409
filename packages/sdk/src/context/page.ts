import type { PageContext } from '@touchpoint/schema';
import { stripUrl } from './url-strip.js';

/** The current page as the envelope's `page`: stripped URL and referrer, path and title. */
export function pageContext(keep?: readonly string[], referrer = document.referrer): PageContext {
  // absent fields stay undefined: JSON leaves them out
  return { url: stripUrl(location.href, keep) || '', path: location.pathname, title: document.title || undefined, referrer: stripUrl(referrer, keep) };
}
