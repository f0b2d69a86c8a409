import { URL_PARAM_ALLOW_LIST } from '@touchpoint/schema';

/**
 * Removes every query parameter not in the allow-list (UTM parameters, ad click ids and `keep`) and
 * the fragment, so tokens, e-mails and session ids in URLs never leave the browser.
 * Returns `undefined` for an empty or unparsable URL.
 */
export function stripUrl(href: string, keep: readonly string[] = []): string | undefined {
  if (!href) return undefined;
  try {
    const u = new URL(href);
    const drop: string[] = [];
    u.searchParams.forEach((_, k) => {
      if (!URL_PARAM_ALLOW_LIST.includes(k) && !keep.includes(k)) drop.push(k);
    });
    for (const k of drop) u.searchParams.delete(k);
    u.hash = '';
    return u.href;
  } catch {
    return undefined;
  }
}
