// Test support: a browser linked to a person as the identity code writes it, for datasets that state
// their people outright instead of through identify calls.
import { opStatements } from './identity-sql.js';
import type { Store } from './types.js';

/**
 * Links a browser to a person: the link row (where the store already linked the browser from its
 * touchpoints' user ids, this link replaces that one), then the browser's rollup rows re-keyed into the
 * person's (the `absorb` statements the store runs).
 * @example await linkBrowser(store, 'shop', 'a1', 'u:ana')
 */
export async function linkBrowser(store: Store, site: string, anonymousId: string, personKey: string, at = 0): Promise<void> {
  await store.query("INSERT INTO identity_links (site, anonymous_id, person_key, via, linked_at) VALUES (?, ?, ?, 'identify', ?) ON CONFLICT (site, anonymous_id) DO UPDATE SET person_key = excluded.person_key", [site, anonymousId, personKey, at]);
  for (const [sql, params] of opStatements({ op: 'absorb', site, from: anonymousId, to: personKey }, store.dialect)) await store.query(sql, params);
}
