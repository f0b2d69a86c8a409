// A human copy of a touchpoint already stored as a bot's (migration 15): the copy is a duplicate and is
// not stored again, but it proves the touchpoint came from a person, so the stored one is un-flagged (and
// joins the journey rollup through its UPDATE trigger). Run by the stores only when a write met duplicates.

/** Un-flags one stored touchpoint (`site`, `id`) when it is stored as a bot's. */
export const UNFLAG_COPY_SQL = 'UPDATE events SET is_bot = 0 WHERE site = ? AND id = ? AND is_bot = 1';

/** The (site, id) of the human events of a write that were not inserted (duplicates). */
export function humanDuplicates<E extends { site: string; id: string; isBot: boolean }>(events: readonly E[], inserted: (e: E) => boolean): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const e of events) if (!e.isBot && !inserted(e)) out.push([e.site, e.id]);
  return out;
}
