import { createHash } from 'node:crypto';
import { SEGMENT_EVENT_NAMES, toTouchpointName, type Campaign } from '@touchpoint/schema';
import type { EventHints } from '../pipeline/enrich.js';
import { fromSegmentEcommerce } from './ecommerce.js';
import { referrerOf, sessionIdOf } from '../rudderstack/context-fields.js';
import { isObject } from '../json-object.js';

// "Order Completed" → "purchase": the reverse of the schema's touchpoint → Segment spec names.
const FROM_SEGMENT = new Map(Object.entries(SEGMENT_EVENT_NAMES).map(([tp, seg]) => [seg.toLowerCase(), tp]));

/** Segment call types and the touchpoint name each becomes (track uses its `event`). */
const NAME_OF_TYPE: Record<string, string> = { page: 'page_view', screen: 'screen_view', identify: 'identify', group: 'group', alias: 'alias' };

const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);

function time(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/** The touchpoint name of a Segment track event: the spec name's touchpoint, else its snake_case. */
export function touchpointNameOf(event: string): string | undefined {
  return FROM_SEGMENT.get(event.trim().toLowerCase()) ?? toTouchpointName(event);
}

function campaignOf(c: unknown): Campaign | undefined {
  if (!isObject(c)) return undefined;
  const out: Record<string, unknown> = {};
  // Segment calls the campaign name `name`; the envelope calls it `campaign`.
  for (const [from, to] of [['name', 'campaign'], ['source', 'source'], ['medium', 'medium'], ['term', 'term'], ['content', 'content'], ['id', 'id']] as const) {
    if (c[from] !== undefined) out[to] = c[from];
  }
  return Object.keys(out).length ? (out as Campaign) : undefined;
}

/**
 * Maps one Segment Tracking API message (as analytics.js and analytics-node send it) onto a raw
 * touchpoint event — still unvalidated, so the schema validator gives the same reasons as for native
 * batches — plus the per-message UA, IP and sentAt used for enrichment.
 *
 * @param msg - one message: `{ type, event, messageId, anonymousId, userId, timestamp, properties, traits, context }`
 * @param type - the call type when the path implies it (`/v1/track` → `track`)
 * @example
 * mapMessage({ type: 'track', event: 'Order Completed', messageId: 'm1', timestamp: '2026-01-01T00:00:00Z' });
 * // → { event: { id: 'm1', name: 'purchase', ts: 1767225600000, ... }, hints: {} }
 */
export function mapMessage(msg: unknown, type?: string): { event: unknown; hints: EventHints } {
  if (!isObject(msg)) return { event: msg, hints: {} };
  const kind = text(msg.type)?.toLowerCase() ?? type ?? 'track';
  const context = isObject(msg.context) ? msg.context : {};
  const eventName = text(msg.event);
  // The e-commerce spec's checkout events are named by their step too, their properties read back under the envelope's names.
  const track = kind === 'track' && eventName !== undefined ? fromSegmentEcommerce(eventName, touchpointNameOf(eventName) ?? eventName, isObject(msg.properties) ? msg.properties : undefined) : undefined;
  const name = kind === 'track' ? track?.name : NAME_OF_TYPE[kind] ?? kind;
  // A message without messageId still dedupes on retry: its id is a hash of its content.
  const id = text(msg.messageId) ?? `seg-${createHash('sha256').update(JSON.stringify(msg)).digest('hex').slice(0, 32)}`;
  const event: Record<string, unknown> = {
    id,
    name,
    ts: time(msg.timestamp) ?? time(msg.originalTimestamp) ?? time(msg.sentAt) ?? Date.now(),
  };
  const anonymousId = text(msg.anonymousId);
  if (anonymousId) event.anonymousId = anonymousId;
  const userId = text(msg.userId);
  if (userId) event.userId = userId;
  const sessionId = sessionIdOf(context); // RudderStack's; analytics.js sends none
  if (sessionId) event.sessionId = sessionId;

  const props = isObject(msg.properties) ? msg.properties : undefined;
  const ctxPage = isObject(context.page) ? context.page : {};
  // analytics.js page() puts url/path/title/referrer in both properties and context.page.
  const url = text(ctxPage.url) ?? (kind === 'page' ? text(props?.url) : undefined);
  if (url) {
    const page: Record<string, unknown> = { url, path: text(ctxPage.path) ?? text(props?.path) ?? safePath(url) };
    const title = text(ctxPage.title) ?? (kind === 'page' ? text(props?.title) : undefined);
    if (title) page.title = title;
    const referrer = referrerOf(ctxPage.referrer) ?? (kind === 'page' ? referrerOf(props?.referrer) : undefined);
    if (referrer) page.referrer = referrer;
    event.page = page;
  }
  const campaign = campaignOf(context.campaign);
  if (campaign) event.campaign = campaign;

  const properties: Record<string, unknown> = track?.properties ?? (props ? { ...props } : {});
  if (kind === 'page' || kind === 'screen') {
    if (text(msg.name)) properties.name = msg.name;
    if (text(msg.category)) properties.category = msg.category;
  }
  if (kind === 'group' && text(msg.groupId)) properties.groupId = msg.groupId;
  if (kind === 'alias' && text(msg.previousId)) properties.previousId = msg.previousId;
  // A Touchpoint SDK message names its own touchpoint (context.touchpoint.name): mapped back onto it, the
  // spec name it went out as adds nothing, and the round trip gives the touchpoint as it was tagged.
  const tagged = isObject(context.touchpoint) ? context.touchpoint.name : undefined;
  if (kind === 'track' && eventName !== undefined && eventName !== name && tagged !== name) properties.segmentEvent = eventName;
  if (Object.keys(properties).length) event.properties = properties;
  const traits = isObject(msg.traits) ? msg.traits : kind === 'identify' && isObject(context.traits) ? context.traits : undefined;
  if (traits) event.traits = traits;
  const library = isObject(context.library) ? context.library : undefined;
  if (library && text(library.name) && text(library.version)) event.sdk = { name: text(library.name), version: text(library.version) };

  const hints: EventHints = {};
  if (text(context.userAgent)) hints.userAgent = text(context.userAgent)!;
  if (text(context.ip)) hints.ip = text(context.ip)!;
  const sentAt = time(msg.sentAt);
  if (sentAt !== undefined) hints.sentAt = sentAt;
  return { event, hints };
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}
