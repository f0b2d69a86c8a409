import { HttpError } from '../http-error.js';
import type { EventHints } from '../pipeline/enrich.js';
import type { IpPolicy } from '../pipeline/ip.js';
import { mapMessage } from '../segment/map-message.js';
import { JITSU_EVENT_TYPES, type JitsuRoute } from './paths.js';
import { isObject } from '../json-object.js';


/** One Jitsu event mapped onto touchpoint terms. */
export interface JitsuEvent {
  /** the raw touchpoint event, still unvalidated */
  event: unknown;
  /** per-event UA, IP and sentAt for enrichment */
  hints: EventHints;
}

/**
 * Refuses a Jitsu path whose event type the collector does not map (400 naming the known ones).
 * @example
 * assertKnownJitsuType(jitsuRouteOf('/api/s/track')!); // passes
 */
export function assertKnownJitsuType(route: JitsuRoute): void {
  if (route.known) return;
  throw new HttpError(400, `unknown Jitsu event type "${route.type}": the path is /api/s/{type} or /api/s/s2s/{type}, type one of ${JITSU_EVENT_TYPES.join(', ')}`);
}

/**
 * Reads one parsed Jitsu event — what @jitsu/js posts: a Segment-style message (`type`, `event`,
 * `messageId`, `anonymousId`, `userId`, `timestamp`, `sentAt`, `properties`, `traits`,
 * `context.{page,campaign,library,userAgent,ip}`) — and maps it with the Segment mapping. What is
 * Jitsu's own: one event per request, the type in the path (a body `type` must agree), and where
 * the end user's IP comes from: on `/api/s/s2s/` it is the sending server's `context.ip`, as Jitsu
 * does; from a browser it is the request's peer address, whatever the body says.
 *
 * @param body - parsed JSON
 * @param route - from {@link jitsuRouteOf}; its type known
 * @example
 * readJitsuEvent({ type: 'track', event: 'Order Completed', messageId: 'x1', timestamp: '2026-01-01T00:00:00Z' }, { type: 'track', s2s: false, known: true });
 */
export function readJitsuEvent(body: unknown, route: JitsuRoute): JitsuEvent {
  if (!isObject(body)) throw new HttpError(400, 'body must be a JSON object: one Jitsu event');
  if (body.type !== undefined && body.type !== route.type) {
    throw new HttpError(400, `type: ${JSON.stringify(body.type)} in the body does not match /api/s/${route.s2s ? 's2s/' : ''}${route.type}`);
  }
  const { event, hints } = mapMessage({ ...body, type: route.type }, route.type);
  if (!route.s2s) delete hints.ip;
  return { event, hints };
}

/**
 * The collector's IP policy, made stricter where @jitsu/js asks for it in `X-IP-Policy` (its
 * `privacy.ipPolicy`): `remove` stores no IP, `stripLastOctet` keeps at most 24 bits of an IPv4
 * address. `keep` (or no header) leaves the collector's policy as it is. It never keeps more than it
 * is configured to; the header only ever makes it stricter.
 *
 * @example
 * jitsuIpPolicy('remove', { mode: 'truncate' }); // → { mode: 'drop' }
 */
export function jitsuIpPolicy(header: string | null, policy: IpPolicy): IpPolicy {
  const asked = header?.trim().toLowerCase();
  if (asked === 'remove') return { ...policy, mode: 'drop' };
  if (asked === 'striplastoctet') return { ...policy, v4Bits: Math.min(policy.v4Bits ?? 24, 24) };
  return policy;
}
