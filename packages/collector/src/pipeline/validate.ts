import { validateBatch, type RejectedEvent, type TouchpointEvent } from '@touchpoint/schema';
import { HttpError } from '../http-error.js';
import type { RejectCode } from './reject-codes.js';

/** A batch that passed envelope validation: its events with their index in the body, and refusals. */
export interface ValidBatch {
  site: string;
  writeKey?: string;
  sentAt?: number;
  events: Array<{ event: TouchpointEvent; index: number }>;
  rejected: Array<RejectedEvent & { code: RejectCode }>;
}

/**
 * Validates a parsed body with the schema's `validateBatch`: envelope problems throw an
 * {@link HttpError} (400, or 413 over 500 events); each bad event is listed with its index and reason.
 *
 * With `invalidUtf8` (the body had invalid bytes, decoded as U+FFFD), events containing U+FFFD are
 * refused too — they were damaged in transit.
 *
 * @example
 * const batch = validateBody(JSON.parse(text));
 */
export function validateBody(body: unknown, options: { invalidUtf8?: boolean } = {}): ValidBatch {
  const r = validateBatch(body);
  if (!r.ok) throw new HttpError(r.status, r.reason);
  const refused = new Set(r.rejected.map((x) => x.index));
  // validateBatch keeps accepted events in body order; pair each with its index for per-event hints.
  const total = (body as { events: unknown[] }).events.length;
  const indexes: number[] = [];
  for (let i = 0; i < total; i++) if (!refused.has(i)) indexes.push(i);
  const batch: ValidBatch = {
    site: r.site,
    events: r.events.map((event, k) => ({ event, index: indexes[k]! })),
    rejected: r.rejected.map((x) => ({ ...x, code: x.reason.includes('larger than') ? 'too_large' : 'schema' })),
  };
  if (options.invalidUtf8) refuseReplaced(batch);
  if (r.writeKey !== undefined) batch.writeKey = r.writeKey;
  if (r.sentAt !== undefined) batch.sentAt = r.sentAt;
  return batch;
}

function refuseReplaced(batch: ValidBatch): void {
  batch.events = batch.events.filter(({ event, index }) => {
    if (!JSON.stringify(event).includes('\ufffd')) return true;
    batch.rejected.push({ index, id: event.id, reason: 'event: contains invalid UTF-8', code: 'invalid_utf8' });
    return false;
  });
  batch.rejected.sort((a, b) => a.index - b.index);
}
