import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import type { TouchpointEvent } from '@touchpoint/schema';
import type { QueueStore } from '../types.js';

/** The queue in IndexedDB (database `touchpoint`, object store `queue`), keyed by event id. Opened lazily. */
export function idbStore(): QueueStore {
  let db: UseStore | undefined;
  // idb-keyval's store and request helpers with one-line operations on top: its own keys/getMany/...
  // would also bundle its default `keyval-store` database, which the SDK never opens.
  const use = <T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => Promise<T>) => (db ||= createStore('touchpoint', 'queue'))(mode, f);
  const write = (f: (s: IDBObjectStore) => void) => use('readwrite', (s) => (f(s), promisifyRequest(s.transaction)));
  return {
    keys: () => use('readonly', (s) => promisifyRequest(s.getAllKeys() as IDBRequest<string[]>)),
    getMany: (k) => use('readonly', (s) => Promise.all(k.map((x) => promisifyRequest<TouchpointEvent | undefined>(s.get(x))))),
    setMany: (e) => write((s) => e.forEach(([k, v]) => s.put(v, k))),
    delMany: (k) => write((s) => k.forEach((x) => s.delete(x))),
    clear: () => write((s) => s.clear()),
  };
}

/** The queue in memory: used when IndexedDB is unavailable, and by tests. */
export function memoryStore(): QueueStore {
  const m = new Map<string, TouchpointEvent>();
  return {
    keys: async () => [...m.keys()],
    getMany: async (k) => k.map((x) => m.get(x)),
    setMany: async (e) => e.forEach(([k, v]) => m.set(k, v)),
    delMany: async (k) => k.forEach((x) => m.delete(x)),
    clear: async () => m.clear(),
  };
}

/**
 * Uses `primary` until one of its operations fails (private mode, quota, a closed connection), then
 * switches to memory for the rest of the page and calls `onFail` once with the reason; the failed
 * operation is repeated on memory so nothing being written is lost.
 */
export function fallbackStore(primary: QueueStore | undefined, onFail: (reason: string) => void): QueueStore {
  const mem = memoryStore();
  let store = primary || (onFail('no IndexedDB'), mem);
  const op = (k: keyof QueueStore) => async (...a: unknown[]): Promise<never> => {
    const f = (s: QueueStore) => (s[k] as (...x: unknown[]) => Promise<never>)(...a);
    try {
      return await f(store);
    } catch (e) {
      if (store == mem) throw e;
      onFail(String((e as Error)?.message || e));
      return f((store = mem));
    }
  };
  return { keys: op('keys'), getMany: op('getMany'), setMany: op('setMany'), delMany: op('delMany'), clear: op('clear') };
}
