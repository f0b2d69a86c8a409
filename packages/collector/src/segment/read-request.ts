import { LIMITS } from '@touchpoint/schema';
import { HttpError } from '../http-error.js';
import type { EventHints } from '../pipeline/enrich.js';
import { mapMessage } from './map-message.js';
import { isObject } from '../json-object.js';

/** A Segment request mapped onto touchpoint terms. */
export interface SegmentRequest {
  writeKey?: string;
  sentAt?: number;
  events: unknown[];
  hints: EventHints[];
}


/**
 * Reads a parsed Segment body: `{ batch: [...] }` for `/v1/batch`, one message otherwise. The write
 * key comes from the body (`writeKey`, top-level or on the first message); basic auth is read by the
 * handler.
 *
 * @param body - parsed JSON
 * @param type - `batch` or the call type from the path
 * @example
 * readSegmentBody({ batch: [{ type: 'track', event: 'Signed Up', messageId: 'm1' }] }, 'batch');
 */
export function readSegmentBody(body: unknown, type: string): SegmentRequest {
  if (!isObject(body)) throw new HttpError(400, 'body must be a JSON object');
  let messages: unknown[];
  if (type === 'batch') {
    if (!Array.isArray(body.batch)) throw new HttpError(400, 'batch: must be an array of messages');
    messages = body.batch;
  } else messages = [body];
  if (messages.length > LIMITS.maxBatchEvents) throw new HttpError(413, `batch: more than ${LIMITS.maxBatchEvents} messages in one request`);
  const first = isObject(messages[0]) ? messages[0] : {};
  const writeKey = typeof body.writeKey === 'string' ? body.writeKey : typeof first.writeKey === 'string' ? first.writeKey : undefined;
  const mapped = messages.map((m) => mapMessage(m, type === 'batch' ? undefined : type));
  const out: SegmentRequest = { events: mapped.map((m) => m.event), hints: mapped.map((m) => m.hints) };
  if (writeKey !== undefined) out.writeKey = writeKey;
  const sentAt = typeof body.sentAt === 'string' ? Date.parse(body.sentAt) : typeof body.sentAt === 'number' ? body.sentAt : NaN;
  if (Number.isFinite(sentAt) && sentAt > 0) out.sentAt = sentAt;
  return out;
}
