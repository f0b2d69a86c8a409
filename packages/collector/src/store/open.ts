import { openSqliteStore } from './sqlite';
import type { EventSink, Store } from './types';

/**
 * Where to store: the flags/env a command was given. One field per backend; `openStore` picks the
 * first one set, so adding a backend is one field and one branch.
 */
export interface StoreOptions {
  /** SQLite database file (`--db`) */
  db?: string;
}

/**
 * Opens the queryable store the options name (default `./touchpoint.db`).
 *
 * @example
 * const store = await openStore({ db: './touchpoint.db' });
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  return openSqliteStore(options.db ?? './touchpoint.db');
}

/**
 * Opens where the ingestion pipeline writes: the store itself today; a stream in front of stores
 * can be chosen here without touching the handler.
 *
 * @example
 * const sink = await openSink({ db: './touchpoint.db' });
 */
export async function openSink(options: StoreOptions): Promise<EventSink> {
  return openStore(options);
}

/** A one-line description of where events go, for start-up logs. */
export function describeStore(options: StoreOptions): string {
  return `SQLite ${options.db ?? './touchpoint.db'}`;
}
