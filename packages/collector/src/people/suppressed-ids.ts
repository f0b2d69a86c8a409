// The ids of erased people (`suppressed_ids`, migration 10): written by erasure, read by ingestion and
// the stream loader so that late retries and touchpoints still in the stream are never stored again.
import type { Store, StoredEvent } from '../store/types.js';

/** Which ids to suppress: user ids and anonymous ids. */
export interface SuppressedIds {
  user: readonly string[];
  anonymous: readonly string[];
}

/**
 * Adds ids to `suppressed_ids`; returns how many of each kind were new.
 * @example await suppressIds(store, 'shop', { user: ['u-42'], anonymous: ['a-1', 'a-2'] }, Date.now())
 */
export async function suppressIds(store: Store, site: string, ids: SuppressedIds, at: number): Promise<{ user: number; anonymous: number }> {
  const added = { user: 0, anonymous: 0 };
  for (const kind of ['user', 'anonymous'] as const) {
    for (const id of ids[kind]) {
      const rows = await store.query('INSERT INTO suppressed_ids (site, kind, id, at) VALUES (?, ?, ?, ?) ON CONFLICT (site, kind, id) DO NOTHING RETURNING 1 AS x', [site, kind, id, at]);
      added[kind] += rows.length;
    }
  }
  return added;
}

/** Drops the events of erased people from a batch before it is stored. */
export type SuppressedFilter = (events: StoredEvent[]) => Promise<{ kept: StoredEvent[]; dropped: number }>;

/**
 * A filter that looks the batch's ids up in `suppressed_ids` — one query per batch, nothing cached, so
 * an erasure on one collector holds on every other at once — and keeps the events whose user id and
 * anonymous id are both unsuppressed on their site. A batch carrying no id skips the query.
 * @example const { kept, dropped } = await createSuppressedFilter(store)(events)
 */
export function createSuppressedFilter(store: Store): SuppressedFilter {
  // One statement text whatever the batch: the ids go as one JSON array parameter.
  const sql = store.dialect === 'sqlite'
    ? 'SELECT site, kind, id FROM suppressed_ids WHERE site IN (SELECT value FROM json_each(?)) AND id IN (SELECT value FROM json_each(?))'
    : 'SELECT site, kind, id FROM suppressed_ids WHERE site IN (SELECT jsonb_array_elements_text(CAST(? AS jsonb))) AND id IN (SELECT jsonb_array_elements_text(CAST(? AS jsonb)))';
  return async function dropSuppressed(events) {
    const sites = new Set<string>();
    const ids = new Set<string>();
    for (const e of events) {
      if (e.userId === null && e.anonymousId === null) continue;
      sites.add(e.site);
      if (e.userId !== null) ids.add(e.userId);
      if (e.anonymousId !== null) ids.add(e.anonymousId);
    }
    if (ids.size === 0) return { kept: events, dropped: 0 };
    const rows = await store.query<{ site: string; kind: string; id: string }>(sql, [JSON.stringify([...sites]), JSON.stringify([...ids])]);
    if (rows.length === 0) return { kept: events, dropped: 0 };
    const hit = new Set(rows.map((r) => `${r.site}\u0000${r.kind}\u0000${r.id}`));
    const kept = events.filter((e) => !(
      (e.userId !== null && hit.has(`${e.site}\u0000user\u0000${e.userId}`)) ||
      (e.anonymousId !== null && hit.has(`${e.site}\u0000anonymous\u0000${e.anonymousId}`))));
    return { kept, dropped: events.length - kept.length };
  };
}
