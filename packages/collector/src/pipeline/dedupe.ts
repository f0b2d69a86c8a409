import type { TouchpointEvent } from '@touchpoint/schema';

/**
 * Drops repeats of an id inside one batch (a buggy or retried client may send an event twice in the
 * same body), keeping the first. Repeats across batches are caught by the store's (site, id) key.
 *
 * @returns the unique events with their batch index, and how many repeats were dropped
 * @example
 * dedupeBatch([{ event: a, index: 0 }, { event: a, index: 1 }]); // { unique: [{ event: a, index: 0 }], repeats: 1 }
 */
export function dedupeBatch<T extends { event: TouchpointEvent }>(items: T[]): { unique: T[]; repeats: number } {
  const seen = new Set<string>();
  const unique: T[] = [];
  for (const item of items) {
    if (seen.has(item.event.id)) continue;
    seen.add(item.event.id);
    unique.push(item);
  }
  return { unique, repeats: items.length - unique.length };
}
