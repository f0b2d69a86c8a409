import type { PageContext } from '@touchpoint/schema';
import { stripUrl } from './url-strip';

/** The current page as the envelope's `page`: stripped URL and referrer, path and title. */
export function pageContext(keep?: readonly string[], referrer = document.referrer): PageContext {
  const page: PageContext = { url: stripUrl(location.href, keep) || '', path: location.pathname };
  if (document.title) page.title = document.title;
  const ref = stripUrl(referrer, keep);
  if (ref) page.referrer = ref;
  return page;
}
