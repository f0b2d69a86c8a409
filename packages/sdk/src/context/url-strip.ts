/**
 * The query parameters kept in collected URLs: schema `URL_PARAM_ALLOW_LIST` (UTM parameters and ad click
 * ids) as one pattern, which minifies to a third of the list; url-strip.test.ts keeps the two equal.
 */
export const ALLOWED_PARAM = /^(utm_(source|medium|campaign|term|content|id)|([gd]|fb|tt|tw|y)clid|[gw]braid|msclkid|li_fat_id|epik|ScCid|rdt_cid)$/;

/** How URLs are stripped: `keepParams` kept besides the allow-list, `hashRoutes` (see {@link stripUrl}). */
export type StripOptions = { keepParams?: readonly string[]; hashRoutes?: boolean };

/**
 * Removes every query parameter not in the allow-list (UTM parameters, ad click ids and `keepParams`) and
 * the fragment, so tokens, e-mails and session ids in URLs never leave the browser. With `hashRoutes`,
 * a fragment that is a route of a hash-routed SPA (`#/products/42?tab=reviews`) is kept, its own query
 * stripped the same way; any other fragment is still dropped (OAuth's implicit flow puts
 * `#access_token=…` there). Returns `undefined` for an empty or unparsable URL.
 */
export function stripUrl(href: string, { keepParams: keep = [], hashRoutes }: StripOptions = {}): string | undefined {
  try {
    const u = new URL(href);
    // the route parsed as a URL of its own (same origin), so its query is stripped like the page's
    const route = hashRoutes && u.hash.startsWith('#/') && new URL(u.hash.slice(1), u);
    for (const { searchParams: q } of route ? [u, route] : [u]) for (const k of [...q.keys()]) if (!ALLOWED_PARAM.test(k) && !keep.includes(k)) q.delete(k);
    u.hash = route ? route.pathname + route.search : '';
    return u.href;
  } catch {
    // empty or unparsable
  }
}
