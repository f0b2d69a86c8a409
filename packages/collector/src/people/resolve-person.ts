// From one id an operator knows (a user id or a browser's anonymous id) to the whole person: the key
// reports group by, every user id merged into it and every browser linked to it (docs/identity.md).
import { USER_KEY_PREFIX } from '../reports/people.js';
import type { Store } from '../store/types.js';

/** Which person: by a user id, or by a browser's anonymous id. Exactly one of the two. */
export type PersonRef = { user: string; anonymous?: undefined } | { anonymous: string; user?: undefined };

/** A person of one site and every id that belongs to it. */
export interface Person {
  site: string;
  /** the person key reports group by: `u:<user id>` when identified, else an anonymous id */
  key: string;
  /** the person's user ids: the key's own and any merged into it by an alias (empty for an anonymous person) */
  userIds: string[];
  /** the browsers' anonymous ids: every one linked to the person (and an anonymous person's own) */
  anonymousIds: string[];
}

const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();

/**
 * Resolves a user id or an anonymous id to its person: a user id merged into another (`user_merges`)
 * gives that other person; an anonymous id linked to someone (`identity_links`) gives that person; an id
 * with neither is a person of its own. Reads three primary-key or person-key lookups.
 * @example const person = await resolvePerson(store, 'shop', { anonymous: 'a-123' })
 */
export async function resolvePerson(store: Store, site: string, ref: PersonRef): Promise<Person> {
  let key: string;
  if (ref.user !== undefined) {
    const [merged] = await store.query<{ person_key: string }>('SELECT person_key FROM user_merges WHERE site = ? AND user_id = ?', [site, ref.user]);
    key = merged?.person_key ?? `${USER_KEY_PREFIX}${ref.user}`;
  } else {
    const [link] = await store.query<{ person_key: string }>('SELECT person_key FROM identity_links WHERE site = ? AND anonymous_id = ?', [site, ref.anonymous]);
    key = link?.person_key ?? ref.anonymous;
  }
  const identified = key.startsWith(USER_KEY_PREFIX);
  const [links, merges] = await Promise.all([
    store.query<{ anonymous_id: string }>('SELECT anonymous_id FROM identity_links WHERE site = ? AND person_key = ?', [site, key]),
    identified ? store.query<{ user_id: string }>('SELECT user_id FROM user_merges WHERE site = ? AND person_key = ?', [site, key]) : Promise.resolve([]),
  ]);
  return {
    site,
    key,
    userIds: identified ? sorted([key.slice(USER_KEY_PREFIX.length), ...merges.map((m) => m.user_id)]) : [],
    anonymousIds: sorted([...(identified ? [] : [key]), ...links.map((l) => l.anonymous_id)]),
  };
}
