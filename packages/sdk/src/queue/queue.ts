import type { TouchpointEvent } from '@touchpoint/schema';
import type { QueueStore } from '../types.js';
import { stringify } from '../json.js';

/**
 * The persisted queue's writer. Reads and removals go to the store directly (ids are UUIDv7: sorted ids
 * are the queue order). Members are `_`-prefixed: internal, so the minifier shortens their names.
 */
export interface Queue {
  /** queues an event; events added in the same tick are written in one transaction */
  _add(e: TouchpointEvent): void;
  /** resolves when every added event is written */
  _settled(): Promise<void>;
  /** forgets everything (consent denied) */
  _clear(): Promise<void>;
}

/** Returns the writer of a queue over `store`, keeping at most `maxCount` events and `maxBytes` bytes (oldest evicted). */
export function createQueue(store: QueueStore, maxCount: number, maxBytes: number, onEvict: (n: number) => void): Queue {
  let buffer: TouchpointEvent[] = [];
  let writing = Promise.resolve();
  const write = async () => {
    const batch = buffer;
    buffer = [];
    if (!batch[0]) return; // cleared before it was written
    const entries = batch.map((e): [string, TouchpointEvent] => [e.id, e]);
    await store.setMany(entries);
    // Bounds: the ids are cheap to read; whole events only when the byte bound may be near.
    const all = (await store.keys()).sort();
    let cut = all.length - maxCount;
    if (all.length * stringify(entries).length > (batch.length * maxBytes) / 2) {
      const events = await store.getMany(all);
      // Walk from the newest: keep what fits, evict the rest (the oldest).
      for (let i = all.length, bytes = 0; i--; ) if ((bytes += stringify(events[i] || 0).length) > maxBytes) cut = Math.max(cut, i + 1);
    }
    if (cut > 0) await store.delMany(all.slice(0, cut)), onEvict(cut);
  };
  return {
    _add(e) {
      // Chained so writes never overlap; the microtask lets a burst of tags share one transaction.
      if (buffer.push(e) == 1) writing = writing.then(write).catch(() => {});
    },
    _settled: () => writing,
    _clear: () => ((buffer = []), store.clear()),
  };
}
