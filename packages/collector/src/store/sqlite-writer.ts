import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { pushValues } from './columns.js';
import { identityClaims } from './identity.js';
import type { Committed } from './sqlite-connection.js';
import type { FromWriter, ThreadWrite, WriterData } from './sqlite-writer-thread.js';
import type { StoredEvent } from './types.js';

/** Settings the writer thread applies to its own connection (the same as the store's). */
export interface WriterSettings {
  path: string;
  synchronous: 'NORMAL' | 'FULL';
  busyTimeoutMs: number;
  rowsPerInsert: number;
  /** pause before a new thread replaces one that died, ms (default 1000) */
  respawnDelayMs?: number;
}

// Node 20 cannot run TypeScript in a worker: from the sources (the tests) the built thread runs, so
// what is tested is what ships.
const THREAD = new URL(import.meta.url.endsWith('.ts') ? '../../dist/store/sqlite-writer-thread.js' : './sqlite-writer-thread.js', import.meta.url);

/**
 * Starts the thread that performs a SQLite store's inserts, so committing (b-tree updates, WAL writes,
 * checkpoints) runs beside the HTTP work instead of between requests. WAL lets the store's own
 * connection keep reading meanwhile.
 *
 * @returns `write(events)` resolving with the rows inserted (and identity conflicts written) once committed, and `close()`
 */
export function startSqliteWriter(settings: WriterSettings) {
  if (!existsSync(THREAD)) throw new Error(`the SQLite writer thread ${fileURLToPath(THREAD)} is missing: build the package first (node scripts/build.mjs)`);
  const respawnDelayMs = settings.respawnDelayMs ?? 1000;
  const pending = new Map<number, { resolve(c: Committed): void; reject(err: Error): void }>();
  let nextId = 0;
  let broken: Error | undefined;
  let closing = false;
  let onClosed: (() => void) | undefined;
  // Writes of one event-loop turn travel in one message: postMessage has a fixed cost per call.
  let outbox: ThreadWrite[] = [];
  let worker: Worker;
  const send = () => {
    const writes = outbox;
    outbox = [];
    if (writes.length) worker.postMessage({ writes });
  };

  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    outbox = [];
  };

  function spawn(): void {
    const data: WriterData = { path: settings.path, synchronous: settings.synchronous, busyTimeoutMs: settings.busyTimeoutMs, rowsPerInsert: settings.rowsPerInsert };
    const w = new Worker(THREAD, { workerData: data });
    worker = w;
    w.on('message', (m: FromWriter) => {
      if ('done' in m) for (const [id, inserted, conflicts] of m.done) pending.get(id)?.resolve({ inserted, conflicts }), pending.delete(id);
      else if ('failed' in m) {
        const err = new Error(`SQLite write failed: ${m.error}`);
        for (const id of m.failed) pending.get(id)?.reject(err), pending.delete(id);
      } else onClosed?.();
    });
    w.on('error', (err) => {
      broken = new Error(`SQLite writer thread failed: ${err.message}`);
    });
    w.on('exit', () => {
      // Whatever the dead thread had not confirmed is reported as not stored (503: the client resends,
      // and the (site, id) key makes a write that did commit a duplicate). Unless the store is closing,
      // a new thread takes over after a pause (a thread that cannot even open the database retries at
      // that pace rather than in a tight loop); meanwhile writes fail fast and /readyz says not ready.
      broken ??= new Error('SQLite writer thread exited');
      failAll(broken);
      if (closing) return onClosed?.();
      setTimeout(() => {
        if (closing) return;
        broken = undefined;
        spawn();
      }, respawnDelayMs).unref();
    });
  }
  spawn();

  return {
    /** false while no thread is alive (between a crash and its replacement, or after close) */
    get healthy() {
      return !broken && !closing;
    },
    /** the current thread (tests end it to check that a new one takes over) */
    get worker(): Worker {
      return worker;
    },
    write(events: StoredEvent[]): Promise<Committed> {
      if (closing) return Promise.reject(new Error('store is closed'));
      if (broken) return Promise.reject(broken);
      const values: unknown[] = [];
      for (const e of events) pushValues(values, e);
      const id = nextId++;
      const claims = identityClaims(events);
      return new Promise<Committed>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (outbox.push(claims.length ? { id, values, claims } : { id, values }) === 1) setImmediate(send);
      });
    },
    /** commits what was sent, closes the thread's connection, ends the thread */
    async close(): Promise<void> {
      if (closing) return;
      closing = true;
      if (broken) return;
      await new Promise<void>((resolve) => {
        onClosed = resolve;
        send();
        worker.postMessage({ close: true });
      });
      await worker.terminate();
    },
  };
}
