import { LIMITS, type TouchpointEvent } from '@touchpoint/schema';
import { stringify } from '../json';

/** Splits queued events (oldest first) into batches of at most `maxEvents` events and `maxBytes` bytes of JSON. */
export function toBatches(events: TouchpointEvent[], maxEvents: number, maxBytes: number): TouchpointEvent[][] {
  const out: TouchpointEvent[][] = [];
  let cur: TouchpointEvent[] = [];
  let bytes = 0;
  const n = Math.min(maxEvents, LIMITS.maxBatchEvents);
  const b = Math.min(maxBytes, LIMITS.maxBatchBytes) - 200; // room for the envelope around the events
  for (const e of events) {
    const size = stringify(e).length + 1;
    if (cur.length && (cur.length >= n || bytes + size > b)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(e);
    bytes += size;
  }
  if (cur.length) out.push(cur);
  return out;
}
