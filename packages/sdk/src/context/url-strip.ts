/**
 * The query parameters kept in collected URLs: schema `URL_PARAM_ALLOW_LIST` (UTM parameters and ad click
 * ids) as one pattern, which minifies to a third of the list; url-strip.test.ts keeps the two equal.
 */
export const ALLOWED_PARAM = /^(utm_(source|medium|campaign|term|content|id)|([gd]|fb|tt|tw|y)clid|[gw]braid|msclkid|li_fat_id|epik|ScCid|rdt_cid)$/;

/**
 * Removes every query parameter not in the allow-list (UTM parameters, ad click ids and `keep`) and
 * the fragment, so tokens, e-mails and session ids in URLs never leave the browser.
 * Returns `undefined` for an empty or unparsable URL.
 */
export function stripUrl(href: string, keep: readonly string[] = []): string | undefined {
  try {
    const u = new URL(href);
    for (const k of [...u.searchParams.keys()]) if (!ALLOWED_PARAM.test(k) && !keep.includes(k)) u.searchParams.delete(k);
    u.hash = '';
    return u.href;
  } catch {
    // empty or unparsable
  }
}
