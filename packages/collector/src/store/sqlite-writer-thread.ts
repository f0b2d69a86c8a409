// The SQLite writer thread's entry (built to dist/store/sqlite-writer-thread.js and started by
// sqlite-writer.ts): a connection of its own that commits the inserts the store posts to it.
import { parentPort, workerData } from 'node:worker_threads';
import type { Claim } from './identity.js';
import { groupCommit, openConnection, prepareInserts, writeWithIdentity, type ConnectionSettings } from './sqlite-connection.js';

/** What the store hands the thread when it starts it. */
export interface WriterData extends ConnectionSettings {
  path: string;
  rowsPerInsert: number;
}

/** A message from the store: writes to commit, or close. */
export type ToWriter = { writes: ThreadWrite[] } | { close: true };
/** One write: its id, the events' column values, flat, and their identity claims (if any). */
export interface ThreadWrite {
  id: number;
  values: unknown[];
  claims?: Claim[];
}
/** A message to the store: committed writes with their new rows and identity conflicts, failed writes, or closed. */
export type FromWriter = { done: Array<[number, number, number]> } | { failed: number[]; error: string } | { closed: true };

const port = parentPort!;
const settings = workerData as WriterData;
const db = openConnection(settings.path, settings);
const post = (m: FromWriter) => port.postMessage(m);
const queue = groupCommit<ThreadWrite>(
  db,
  writeWithIdentity(db, prepareInserts(db, settings.rowsPerInsert)),
  (writes, committed) => post({ done: writes.map((w, i) => [w.id, committed[i]!.inserted, committed[i]!.conflicts]) }),
  (writes, err) => post({ failed: writes.map((w) => w.id), error: String((err as Error)?.message ?? err) }),
);

port.on('message', (m: ToWriter) => {
  if ('close' in m) {
    queue.flush();
    db.close();
    post({ closed: true });
    return;
  }
  for (const w of m.writes) queue.add(w);
});
