import { RUDDERSTACK_BEACON_PATH } from '../rudderstack/beacon.js';

/**
 * Segment HTTP Tracking API paths and the call type each implies; analytics.js uses the one-letter
 * forms (`/v1/t`, `/v1/p`, …) to dodge ad blockers' path lists.
 */
export const SEGMENT_PATHS: Readonly<Record<string, string>> = {
  '/v1/batch': 'batch', '/v1/b': 'batch', '/v1/import': 'batch',
  '/v1/track': 'track', '/v1/t': 'track',
  '/v1/page': 'page', '/v1/p': 'page',
  '/v1/screen': 'screen', '/v1/s': 'screen',
  '/v1/identify': 'identify', '/v1/i': 'identify',
  '/v1/group': 'group', '/v1/g': 'group',
  '/v1/alias': 'alias', '/v1/a': 'alias',
  // RudderStack's sendBeacon batches, write key in `?writeKey=` (see rudderstack/beacon.ts)
  [RUDDERSTACK_BEACON_PATH]: 'batch',
};
