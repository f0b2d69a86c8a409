/**
 * The event types Jitsu's ingest API takes as `/api/s/{type}`: Segment's call types (@jitsu/js sends
 * page, track, identify and group; Jitsu's HTTP API documents the others).
 */
export const JITSU_EVENT_TYPES: readonly string[] = ['page', 'track', 'identify', 'group', 'alias', 'screen'];

/** What a Jitsu ingest path says about its request. */
export interface JitsuRoute {
  /** the event type from the path, as given (it may be one the collector does not know) */
  type: string;
  /** `/api/s/s2s/{type}`: sent by a server, not a browser */
  s2s: boolean;
  /** `type` is one of {@link JITSU_EVENT_TYPES} */
  known: boolean;
}

// /api/s/{type} and /api/s/s2s/{type}; "s2s" alone is a type (unknown), as Jitsu's router sees it.
const JITSU_PATH = /^\/api\/s\/(?:(s2s)\/)?([^/]+)$/;

/**
 * Reads a Jitsu ingest path (`/api/s/{type}` from browsers, `/api/s/s2s/{type}` from servers), or
 * `undefined` when the path is not one.
 *
 * @example
 * jitsuRouteOf('/api/s/s2s/track'); // → { type: 'track', s2s: true, known: true }
 * jitsuRouteOf('/api/s/batch');     // → { type: 'batch', s2s: false, known: false }
 */
export function jitsuRouteOf(path: string): JitsuRoute | undefined {
  const m = JITSU_PATH.exec(path);
  if (!m) return undefined;
  const type = m[2]!;
  return { type, s2s: m[1] !== undefined, known: JITSU_EVENT_TYPES.includes(type) };
}
