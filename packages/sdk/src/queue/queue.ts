import type { TouchpointEvent } from '@touchpoint/schema';
import type { QueueStore } from '../types';

/** The persisted queue: batched writes, ordered reads, acknowledgement and bounds. */
export interface Queue {
  /** queues an event; events added in the same tick are written in one transaction */
  add(event: TouchpointEvent): void;
  /** resolves when every added event has been written */
  settled(): Promise<void>;
  /** ids of every queued event (all tabs), oldest first */
  ids(): Promise<string[]>;
  /** the events of `ids` still queued */
  get(ids: string[]): Promise<TouchpointEvent[]>;
  /** removes acknowledged or dropped events */
  remove(ids: string[]): Promise<void>;
  /** forgets everything (consent denied) */
  clear(): Promise<void>;
}

/** Returns a queue over `store`, keeping at most `maxCount` events and `maxBytes` bytes (oldest evicted). */
export function createQueue(store: QueueStore, maxCount: number, maxBytes: number, onEvict: (n: number) => void): Queue {
  let buffer: TouchpointEvent[] = [];
  let writing: Promise<void> = Promise.resolve();
  const ids = async () => (await store.keys()).sort(); // UUIDv7 keys sort in creation order
  const write = async () => {
    const batch = buffer;
    buffer = [];
    if (!batch.length) return;
    const entries = batch.map((e): [string, TouchpointEvent] => [e.id, e]);
    await store.setMany(entries);
    // Bounds: the ids are cheap to read; whole events only when the byte bound may be near.
    const all = await ids();
    let cut = Math.max(0, all.length - maxCount);
    if (all.length * (JSON.stringify(entries).length / batch.length) > maxBytes / 2) {
      const events = (await store.getMany(all)).map((e) => (e ? JSON.stringify(e).length : 0));
      let bytes = 0;
      // Walk from the newest: keep what fits, evict the rest (the oldest).
      for (let i = events.length - 1; i >= 0; i--) if ((bytes += events[i]!) > maxBytes) cut = Math.max(cut, i + 1);
    }
    if (cut) {
      await store.delMany(all.slice(0, cut));
      onEvict(cut);
    }
  };
  return {
    add(e) {
      buffer.push(e);
      // Chained so writes never overlap; the microtask lets a burst of tags share one transaction.
      if (buffer.length == 1) writing = writing.then(write).catch(() => undefined);
    },
    settled: () => writing,
    ids,
    get: async (k) => (await store.getMany(k)).filter((e): e is TouchpointEvent => !!e),
    remove: (ids) => (ids.length ? store.delMany(ids) : Promise.resolve()),
    clear() {
      buffer = [];
      return store.clear();
    },
  };
}
