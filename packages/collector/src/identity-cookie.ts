// The first-party identity cookie (Safari ITP, docs/identity.md rule 5). Safari deletes storage a script
// can write after seven days without a visit, so a returning shopper's SDK starts a new anonymous id; a
// cookie the collector sets itself with `HttpOnly` survives when the collector answers on the shop's own
// site (same origin, or a subdomain with credentialed requests). It holds the browser's first anonymous id;
// a request arriving with another anonymous id and the cookie links the new id to the first's person.
import type { IdentityClaim } from './store/types.js';

/** Options of the handler's `identityCookie`. */
export interface IdentityCookieOptions {
  /** cookie name (default `tp_aid`) */
  name?: string;
  /** `Domain` attribute, e.g. `shop.example` to share it between `www.` and `collect.` (default: host-only) */
  domain?: string;
}

/** 400 days, the longest lifetime browsers keep (RFC 6265bis caps Max-Age there). */
export const IDENTITY_COOKIE_MAX_AGE = 400 * 86_400;
const COOKIE_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;
const DOMAIN = /^\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;
// Anonymous ids the cookie may hold: what the SDK mints (UUIDs) and other clients' ids of safe characters.
const VALUE = /^[A-Za-z0-9._:-]{1,128}$/;

/** The identity cookie as the handler uses it: resolved once at start-up. */
export interface IdentityCookie {
  /** the cookie's value in a request's `Cookie` header, when it is one the collector could have set */
  read(cookieHeader: string | null): string | undefined;
  /** the `Set-Cookie` header keeping `anonymousId`, or undefined when it cannot be a cookie value */
  header(anonymousId: string): string | undefined;
  /** the claim an event with `anonymousId` makes when the request carries `cookie` */
  claim(cookie: string | undefined, anonymousId: string | undefined): IdentityClaim | undefined;
}

/**
 * Resolves the options (throws on a bad name or domain, at start-up).
 * @example identityCookie({ domain: 'shop.example' }).header('0190…') // 'tp_aid=0190…; Max-Age=34560000; Path=/; Domain=shop.example; HttpOnly; Secure; SameSite=Lax'
 */
export function identityCookie(options: IdentityCookieOptions = {}): IdentityCookie {
  const name = options.name ?? 'tp_aid';
  if (!COOKIE_NAME.test(name)) throw new Error(`identityCookie.name: not a cookie name: ${JSON.stringify(name)}`);
  if (options.domain !== undefined && !DOMAIN.test(options.domain)) throw new Error(`identityCookie.domain: not a domain: ${JSON.stringify(options.domain)}`);
  const attributes = `; Max-Age=${IDENTITY_COOKIE_MAX_AGE}; Path=/${options.domain ? `; Domain=${options.domain}` : ''}; HttpOnly; Secure; SameSite=Lax`;
  return {
    read(cookieHeader) {
      if (!cookieHeader) return undefined;
      for (const part of cookieHeader.split(';')) {
        const eq = part.indexOf('=');
        if (eq !== -1 && part.slice(0, eq).trim() === name) {
          const value = part.slice(eq + 1).trim();
          return VALUE.test(value) ? value : undefined;
        }
      }
      return undefined;
    },
    header: (anonymousId) => (VALUE.test(anonymousId) ? `${name}=${anonymousId}${attributes}` : undefined),
    claim: (cookie, anonymousId) => (cookie && anonymousId && anonymousId !== cookie ? { via: 'cookie', anonymousId: cookie } : undefined),
  };
}
