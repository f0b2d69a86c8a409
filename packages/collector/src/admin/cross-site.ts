// Refusing cross-site requests that would act with a signed-in dashboard's cookie. The cookie is
// SameSite=Strict already, so a browser does not send it from another site's page; these checks hold
// even where that fails (an old browser, a sibling subdomain, which is "same-site" to the browser).

/**
 * Why a request looks cross-site, or `undefined` when it comes from the dashboard's own origin:
 * `Sec-Fetch-Site` (sent by every current browser) must be `same-origin`, and an `Origin` header must
 * name the collector's own host.
 * @param host - the host the browser addressed (the `Host` header, or `X-Forwarded-Host` behind a trusted proxy)
 */
export function crossSiteReason(request: Request, host: string): string | undefined {
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin') return `Sec-Fetch-Site is ${fetchSite}`;
  const origin = request.headers.get('origin');
  if (origin !== null) {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return `Origin ${origin} is not this collector`;
    }
    if (originHost !== host) return `Origin ${origin} is not this collector`;
  }
  return undefined;
}
