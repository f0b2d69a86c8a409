import type { TouchpointEvent } from '@touchpoint/schema';
import type { QueueStore } from '../types';

/** The persisted queue: batched writes, ordered reads, acknowledgement and bounds. */
export interface Queue {
  /** queues an event; events added in the same tick are written in one transaction */
  add(event: TouchpointEvent): void;
  /** resolves when every added event has been written */
  settled(): Promise<void>;
  /** every queued event (all tabs), oldest first */
  read(): Promise<TouchpointEvent[]>;
  /** removes acknowledged or dropped events */
  remove(ids: string[]): Promise<void>;
  /** forgets everything (consent denied) */
  clear(): Promise<void>;
}

/** Returns a queue over `store`, keeping at most `maxCount` events and `maxBytes` bytes (oldest evicted). */
export function createQueue(store: QueueStore, maxCount: number, maxBytes: number, onEvict: (n: number) => void): Queue {
  let buffer: TouchpointEvent[] = [];
  let writing: Promise<void> = Promise.resolve();
  const read = async () => {
    const all = await store.entries();
    // UUIDv7 keys sort in creation order.
    return all.sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((e) => e[1]);
  };
  const write = async () => {
    const batch = buffer;
    buffer = [];
    if (!batch.length) return;
    await store.setMany(batch.map((e) => [e.id, e]));
    const all = await read();
    let bytes = 0;
    let cut = all.length;
    // Walk from the newest: keep what fits, evict the rest (the oldest).
    for (let i = all.length - 1; i >= 0; i--) {
      bytes += JSON.stringify(all[i]).length;
      if (all.length - i > maxCount || bytes > maxBytes) break;
      cut = i;
    }
    if (cut) {
      await store.delMany(all.slice(0, cut).map((e) => e.id));
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
    read,
    remove: (ids) => (ids.length ? store.delMany(ids) : Promise.resolve()),
    clear() {
      buffer = [];
      return store.clear();
    },
  };
}
