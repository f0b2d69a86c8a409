// RudderStack's JavaScript SDK sends with `navigator.sendBeacon` when loaded with `useBeacon: true`. A
// beacon cannot set an Authorization header, so the SDK puts the write key in the query string instead:
// `POST /beacon/v1/batch?writeKey=…` with a Segment-style `{ batch, sentAt }` body sent as `text/plain`.
import { HttpError } from '../http-error.js';

/** The path RudderStack's beacon queue posts its batches to. */
export const RUDDERSTACK_BEACON_PATH = '/beacon/v1/batch';

/** Longest write key accepted from the query string (real keys are about 30 characters). */
export const MAX_QUERY_WRITE_KEY_LENGTH = 256;

/**
 * The write key a RudderStack beacon request carries in `?writeKey=`, `undefined` for any other path
 * (the other paths take it from basic auth or the body only, so it is not spread into URLs and logs)
 * or when the query has none. Throws a 400 {@link HttpError} for a key given twice or longer than
 * {@link MAX_QUERY_WRITE_KEY_LENGTH}.
 *
 * @param url - the request URL
 * @example
 * beaconWriteKey(new URL('https://collect.example/beacon/v1/batch?writeKey=wk_shop')); // → 'wk_shop'
 */
export function beaconWriteKey(url: URL): string | undefined {
  if (url.pathname !== RUDDERSTACK_BEACON_PATH) return undefined;
  const keys = url.searchParams.getAll('writeKey');
  if (keys.length > 1) throw new HttpError(400, 'writeKey: given more than once in the query string');
  const key = keys[0]?.trim();
  if (!key) return undefined;
  if (key.length > MAX_QUERY_WRITE_KEY_LENGTH) throw new HttpError(400, `writeKey: longer than ${MAX_QUERY_WRITE_KEY_LENGTH} characters`);
  return key;
}
