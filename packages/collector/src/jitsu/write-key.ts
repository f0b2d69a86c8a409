import type { SiteConfig, Sites } from '../sites.js';

/** The site a Jitsu `X-Write-Key` names, and the secret to check against that site's write key. */
export interface JitsuSiteKey {
  site: SiteConfig | undefined;
  /** what the handler compares with `site.writeKey` */
  key: string;
}

/**
 * Finds the site of a Jitsu write key. @jitsu/js sends its `writeKey` option verbatim in `X-Write-Key`
 * and refuses, at start-up, a key without the `id:secret` form (the body's `writeKey` is masked to
 * `id:***`, so it cannot authenticate). Two ways to match, tried in order:
 *
 * 1. the whole value is a site's write key — a site keeps the Jitsu key already on its pages by
 *    configuring it as its `writeKey` (`--write-key 2fQx…:Jd8s…`);
 * 2. `{site id}:{site write key}` — an existing site, its key unchanged (`shop:wk_shop_8f2c`).
 *
 * The secret is compared by the handler, in constant time, like every other write key.
 *
 * @param header - the `X-Write-Key` header
 * @param sites - the collector's sites
 * @example
 * jitsuSiteKey('shop:wk_shop_8f2c', sites); // → { site: <shop>, key: 'wk_shop_8f2c' }
 */
export function jitsuSiteKey(header: string, sites: Sites): JitsuSiteKey {
  const whole = sites.byWriteKey(header);
  if (whole) return { site: whole, key: header };
  const colon = header.indexOf(':');
  if (colon <= 0) return { site: undefined, key: header };
  return { site: sites.byId(header.slice(0, colon)), key: header.slice(colon + 1) };
}
