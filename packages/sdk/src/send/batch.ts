import type { TouchpointEvent } from '@touchpoint/schema';
import { stringify } from '../json.js';

/**
 * The oldest of `events` (oldest first) that fit in one request body of `maxBytes` bytes of JSON, 200 of
 * them kept for the envelope around the events; at least one, so an event never blocks the queue.
 */
export function fit(events: TouchpointEvent[], maxBytes: number): TouchpointEvent[] {
  let bytes = 200;
  let ok = true;
  return events.filter((e, i) => (ok &&= (bytes += stringify(e).length + 1) <= maxBytes || !i));
}
