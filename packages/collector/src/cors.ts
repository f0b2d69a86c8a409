// CORS for the ingestion endpoints. Tracking clients add headers of their own — RudderStack's
// `AnonymousId`, `SentAt` and `Rsa-Retry-*`, analytics.js's `X-Retry-Count` on retries — so a fixed
// allow-list blocks their preflights and the browser drops the request: the preflight echoes what the
// page asks for, once it is checked to be a short list of well-formed header names.
import { HttpError } from './http-error.js';

/** Allowed when a preflight names no headers. */
const DEFAULT_ALLOW_HEADERS = 'Content-Type, Content-Encoding, Authorization';
/** Bounds on `Access-Control-Request-Headers`: no real client asks for more. */
export const PREFLIGHT_LIMITS = { maxHeaders: 32, maxBytes: 1024 } as const;
// RFC 9110 token: the characters a header name may have.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The CORS headers of an answer to an allowed origin: the origin echoed (never `*`, so credentialed
 * beacons work) and `Retry-After` readable, so a client backing off from a 429 or 503 can see how long.
 * `{}` without an origin.
 */
export function corsHeaders(origin: string | null): Record<string, string> {
  return origin
    ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', 'access-control-expose-headers': 'Retry-After', vary: 'Origin' }
    : {};
}

/**
 * The headers a preflight may allow: the `Access-Control-Request-Headers` list, normalised, or the
 * default list when it names none (a name given twice is allowed once). Throws a 400 {@link HttpError}
 * naming the problem when the list is malformed or longer than {@link PREFLIGHT_LIMITS} allows.
 *
 * @param requested - the preflight's `Access-Control-Request-Headers`, or null
 * @example
 * allowedRequestHeaders('content-type,anonymousid,sentat'); // → 'content-type, anonymousid, sentat'
 */
export function allowedRequestHeaders(requested: string | null): string {
  if (requested === null || requested.trim() === '') return DEFAULT_ALLOW_HEADERS;
  if (requested.length > PREFLIGHT_LIMITS.maxBytes) {
    throw new HttpError(400, `access-control-request-headers: longer than ${PREFLIGHT_LIMITS.maxBytes} bytes`);
  }
  const names = requested.split(',').map((n) => n.trim().toLowerCase());
  if (names.length > PREFLIGHT_LIMITS.maxHeaders) {
    throw new HttpError(400, `access-control-request-headers: more than ${PREFLIGHT_LIMITS.maxHeaders} header names`);
  }
  const bad = names.find((n) => !HEADER_NAME.test(n));
  if (bad !== undefined) throw new HttpError(400, `access-control-request-headers: ${JSON.stringify(bad)} is not a header name`);
  return [...new Set(names)].join(', ');
}

/**
 * The 204 answer to a preflight from an allowed origin (the caller checks the origin).
 * @example
 * preflightResponse('https://shop.example', request.headers.get('access-control-request-headers'));
 */
export function preflightResponse(origin: string, requestedHeaders: string | null): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(origin),
      // The answer depends on the asked-for headers too: a cache must not serve it to another list.
      vary: 'Origin, Access-Control-Request-Headers',
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': allowedRequestHeaders(requestedHeaders),
      'access-control-max-age': '86400',
    },
  });
}
