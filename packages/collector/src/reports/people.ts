// How a report reads people instead of browsers (docs/identity.md). A touchpoint belongs to the person
// of its user id (re-pointed by `user_merges` when an alias merged two user ids), else to the person its
// browser's anonymous id is linked to (`identity_links`), else to the anonymous id itself (a browser never
// identified is a person of its own), else to its session (cookieless mode).

/** The prefix of an identified person's key: `u:<user id>`. */
export const USER_KEY_PREFIX = 'u:';

/**
 * The LEFT JOINs a query over `events` needs before it can use {@link personKey}: the browser's link and
 * the user id's merge. `e` is the events table's alias; the joined tables are `<e>_il` and `<e>_um`.
 * @example `SELECT ${personKey('e')} AS person FROM events e ${personJoins('e')} WHERE ...`
 */
export function personJoins(e: string): string {
  return `LEFT JOIN identity_links ${e}_il ON ${e}_il.site = ${e}.site AND ${e}_il.anonymous_id = ${e}.anonymous_id
    LEFT JOIN user_merges ${e}_um ON ${e}_um.site = ${e}.site AND ${e}_um.user_id = ${e}.user_id`;
}

/** The SQL expression of a touchpoint's person key (after {@link personJoins} with the same alias). */
export function personKey(e: string): string {
  return `COALESCE(${e}_um.person_key, '${USER_KEY_PREFIX}' || ${e}.user_id, ${e}_il.person_key, ${e}.anonymous_id, ${e}.session_id)`;
}

/** 1 when the touchpoint's person is identified (has a user id, directly or through its browser), else 0. */
export function personIdentified(e: string): string {
  return `CASE WHEN ${e}.user_id IS NOT NULL OR ${e}_il.person_key LIKE '${USER_KEY_PREFIX}%' THEN 1 ELSE 0 END`;
}
