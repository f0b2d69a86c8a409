import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { EVENT_COLUMNS, pushValues } from './columns.js';
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

// The thread's code, as a CommonJS string: evaluated in the worker, it runs the same from the
// TypeScript sources (tests) and from the bundle, with no separate file to ship or resolve.
const WRITER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const { path, synchronous, busyTimeoutMs, rowsPerInsert, columns } = workerData;
const db = new Database(path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = ' + synchronous);
db.pragma('busy_timeout = ' + busyTimeoutMs);
db.pragma('cache_size = -32768');
db.pragma('wal_autocheckpoint = 10000');
const row = '(' + columns.map(() => '?').join(', ') + ')';
const sql = (n) => 'INSERT INTO events (' + columns.join(', ') + ') VALUES ' + Array(n).fill(row).join(', ') + ' ON CONFLICT (site, id) DO NOTHING';
const many = db.prepare(sql(rowsPerInsert));
const one = db.prepare(sql(1));
const width = columns.length;
const insert = (values) => {
  const count = values.length / width;
  let inserted = 0;
  let i = 0;
  for (; i + rowsPerInsert <= count; i += rowsPerInsert) inserted += many.run(values.slice(i * width, (i + rowsPerInsert) * width)).changes;
  for (; i < count; i++) inserted += one.run(values.slice(i * width, (i + 1) * width)).changes;
  return inserted;
};
const commit = db.transaction((writes) => writes.map((w) => insert(w.values)));
let queue = [];
let scheduled = false;
const flush = () => {
  scheduled = false;
  const writes = queue;
  queue = [];
  if (writes.length === 0) return;
  try {
    const results = commit(writes);
    parentPort.postMessage({ done: writes.map((w, i) => [w.id, results[i]]) });
  } catch (err) {
    parentPort.postMessage({ failed: writes.map((w) => w.id), error: String((err && err.message) || err) });
  }
};
parentPort.on('message', (m) => {
  if (m.close) {
    flush();
    db.close();
    parentPort.postMessage({ closed: true });
    return;
  }
  for (const w of m.writes) queue.push(w);
  // Group commit: every write that reached this thread in the same turn shares one transaction.
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
});
`;

/**
 * Starts the thread that performs a SQLite store's inserts, so committing (b-tree updates, WAL writes,
 * checkpoints) runs beside the HTTP work instead of between requests. WAL lets the store's own
 * connection keep reading meanwhile.
 *
 * @returns `write(events)` resolving with the rows inserted once committed, and `close()`
 */
export function startSqliteWriter(settings: WriterSettings) {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const respawnDelayMs = settings.respawnDelayMs ?? 1000;
  const pending = new Map<number, { resolve(n: number): void; reject(err: Error): void }>();
  let nextId = 0;
  let broken: Error | undefined;
  let closing = false;
  let onClosed: (() => void) | undefined;
  // Writes of one event-loop turn travel in one message: postMessage has a fixed cost per call.
  let outbox: Array<{ id: number; values: unknown[] }> = [];
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
    const w = new Worker(WRITER_SOURCE, {
      eval: true,
      workerData: { ...settings, driver, columns: EVENT_COLUMNS.map(([c]) => c) },
    });
    worker = w;
    w.on('message', (m: { done?: Array<[number, number]>; failed?: number[]; error?: string; closed?: boolean }) => {
      if (m.done) for (const [id, n] of m.done) pending.get(id)?.resolve(n), pending.delete(id);
      if (m.failed) {
        const err = new Error(`SQLite write failed: ${m.error}`);
        for (const id of m.failed) pending.get(id)?.reject(err), pending.delete(id);
      }
      if (m.closed) onClosed?.();
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
    write(events: StoredEvent[]): Promise<number> {
      if (closing) return Promise.reject(new Error('store is closed'));
      if (broken) return Promise.reject(broken);
      const values: unknown[] = [];
      for (const e of events) pushValues(values, e);
      const id = nextId++;
      return new Promise<number>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (outbox.push({ id, values }) === 1) setImmediate(send);
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
