import type { StoredEvent, WriteResult } from './types.js';

/**
 * Runs one statement for many events; resolves with the `site \0 id` keys it inserted (committed), and
 * the identity conflicts written per event key (docs/identity.md rule 2).
 */
export type InsertMany = (events: StoredEvent[]) => Promise<{ keys: Set<string>; conflicts?: Map<string, number> }>;

interface Pending {
  events: StoredEvent[];
  resolve(result: WriteResult): void;
  reject(err: unknown): void;
}

/** The key `InsertMany` reports an inserted event by. */
export const eventKey = (site: string, id: string) => `${site}\u0000${id}`;

/**
 * Group commit for a database where each commit waits for a disk flush: at most `slots` statements run
 * at once, and the writes that arrive meanwhile wait and then go together in the next statement (up to
 * `maxRows`). Under light load a write runs alone at once; under heavy load statements grow instead of
 * queueing, so one flush covers many requests. Each caller learns its own inserted/duplicate counts
 * (an event inserted by the statement counts for the first caller that sent it); if the statement
 * fails, every caller in it is rejected — nothing of it was committed.
 *
 * @param insert - runs one INSERT for all the events, returning the inserted keys
 * @param options.slots - statements in flight at most (the connection pool size)
 * @param options.maxRows - rows per statement at most (default 5000); a single larger write still goes whole
 * @example
 * const write = groupWrites(insertMany, { slots: 10 });
 * const { inserted, duplicates } = await write(events);
 */
export function groupWrites(insert: InsertMany, options: { slots: number; maxRows?: number }): (events: StoredEvent[]) => Promise<WriteResult> {
  const maxRows = options.maxRows ?? 5000;
  const slots = Math.max(1, options.slots);
  let queue: Pending[] = [];
  let running = 0;

  function take(): Pending[] {
    let rows = 0;
    let n = 0;
    while (n < queue.length && (n === 0 || rows + queue[n]!.events.length <= maxRows)) rows += queue[n++]!.events.length;
    const group = queue.slice(0, n);
    queue = queue.slice(n);
    return group;
  }

  function pump(): void {
    while (running < slots && queue.length > 0) {
      const group = take();
      running++;
      const events = group.length === 1 ? group[0]!.events : group.flatMap((p) => p.events);
      insert(events)
        .then(
          ({ keys: inserted, conflicts }) => {
            for (const p of group) {
              let n = 0;
              let c = 0;
              for (const e of p.events) {
                const k = eventKey(e.site, e.id);
                if (inserted.delete(k)) n++, (c += conflicts?.get(k) ?? 0);
              }
              p.resolve(c ? { inserted: n, duplicates: p.events.length - n, identityConflicts: c } : { inserted: n, duplicates: p.events.length - n });
            }
          },
          (err: unknown) => {
            for (const p of group) p.reject(err);
          },
        )
        .finally(() => {
          running--;
          pump();
        });
    }
  }

  return (events) =>
    new Promise<WriteResult>((resolve, reject) => {
      queue.push({ events, resolve, reject });
      pump();
    });
}
