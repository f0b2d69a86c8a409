// Erasure (a GDPR Art. 17 request): delete everything the store holds about one person, a batch at a
// time so the collector keeps serving, and suppress their ids so nothing of theirs is stored again.
import { USER_KEY_PREFIX } from '../reports/people.js';
import type { Store } from '../store/types.js';
import { resolvePerson, type Person, type PersonRef } from './resolve-person.js';
import { suppressIds } from './suppressed-ids.js';

/** Rows deleted per table. `email_links` is null where the store has no such table yet. */
export interface ErasedRows {
  events: number;
  identity_links: number;
  user_merges: number;
  identity_conflicts: number;
  journey_days: number;
  journey_steps: number;
  email_links: number | null;
}

/** What {@link forgetPerson} did. */
export interface Erasure {
  person: Person;
  deleted: ErasedRows;
  /** ids added to `suppressed_ids` (already there: not counted) */
  suppressed: { user: number; anonymous: number };
}

/** Options of {@link forgetPerson}. */
export interface ForgetOptions {
  /** the span of touchpoint time each `events` statement covers, ms (default one day) */
  chunkMs?: number;
  /** rows deleted per statement in `journey_days` and `journey_steps` (default 500) */
  batchSize?: number;
  /** clock for `suppressed_ids.at`, ms since epoch */
  now?: () => number;
}

const DAY = 86_400_000;
const marks = (ids: readonly unknown[]) => ids.map(() => '?').join(', ');
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** True when the store has the table (a table another migration adds may not be there yet). */
async function hasTable(store: Store, table: string): Promise<boolean> {
  const rows = store.dialect === 'sqlite'
    ? await store.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table])
    : await store.query('SELECT 1 FROM pg_catalog.pg_tables WHERE tablename = ? AND schemaname = current_schema()', [table]);
  return rows.length > 0;
}

/**
 * Erases one person of a site, found from a user id or an anonymous id ({@link resolvePerson}):
 * 1. their user ids and anonymous ids go on `suppressed_ids` first, so from then on ingestion and the
 *    stream loader drop anything of theirs (late retries, touchpoints still in the stream);
 * 2. then, deleted: every event carrying one of their anonymous ids or user ids; their `identity_links`,
 *    `user_merges` and `identity_conflicts` rows; their `journey_days` and `journey_steps` rollup rows
 *    (visitor = any of their keys); and the `email_links` minted for their user ids (when that table exists).
 * `events` go one day of the site's touchpoints per statement (`chunkMs`), the rollups `batchSize`
 * rows per statement, each its own transaction, yielding to the event loop in between: writes of other
 * people interleave and the collector keeps serving. A write already in flight when the erasure began
 * can land behind it in a day already walked: running it again removes that too.
 * Session ids are not followed: a cookieless session of the person is not reached.
 * @example const { deleted } = await forgetPerson(store, 'shop', { user: 'u-42' })
 */
export async function forgetPerson(store: Store, site: string, ref: PersonRef, options: ForgetOptions = {}): Promise<Erasure> {
  const batch = Math.max(1, Math.floor(options.batchSize ?? 500));
  const chunk = Math.max(1, Math.floor(options.chunkMs ?? DAY));
  const now = options.now ?? Date.now;
  const person = await resolvePerson(store, site, ref);
  const { key, userIds, anonymousIds } = person;
  const suppressed = await suppressIds(store, site, { user: userIds, anonymous: anonymousIds }, now());

  // Rows per statement until none is left: the inner SELECT finds a batch by its key, the DELETE
  // removes it and returns a row per deleted row.
  async function inBatches(table: string, keyColumns: string, condition: string, params: unknown[]): Promise<number> {
    let deleted = 0;
    for (;;) {
      const rows = await store.query(
        `DELETE FROM ${table} WHERE site = ? AND (${keyColumns}) IN (SELECT ${keyColumns} FROM ${table} WHERE site = ? AND (${condition}) LIMIT ${batch}) RETURNING 1 AS x`,
        [site, site, ...params]);
      deleted += rows.length;
      if (rows.length < batch) return deleted;
      await turn();
    }
  }
  const once = async (table: string, condition: string, params: unknown[]) =>
    (await store.query(`DELETE FROM ${table} WHERE site = ? AND (${condition}) RETURNING 1 AS x`, [site, ...params])).length;

  const owns: string[] = [];
  const ownParams: unknown[] = [];
  if (anonymousIds.length) owns.push(`anonymous_id IN (${marks(anonymousIds)})`), ownParams.push(...anonymousIds);
  if (userIds.length) owns.push(`user_id IN (${marks(userIds)})`), ownParams.push(...userIds);
  // No index leads with the anonymous id or the user id (each would cost every stored event a b-tree
  // insert), so the person's events are found by walking the site's (site, ts) index a day at a time:
  // each statement reads one day of the site, and other writes go between them.
  let events = 0;
  const [span] = await store.query<{ lo: unknown; hi: unknown }>('SELECT MIN(ts) AS lo, MAX(ts) AS hi FROM events WHERE site = ?', [site]);
  if (span && span.lo !== null && span.lo !== undefined) {
    for (let t = Number(span.lo); t <= Number(span.hi); t += chunk) {
      const rows = await store.query(`DELETE FROM events WHERE site = ? AND ts >= ? AND ts < ? AND (${owns.join(' OR ')}) RETURNING 1 AS x`, [site, t, t + chunk, ...ownParams]);
      events += rows.length;
      await turn();
    }
  }

  // The rollup's visitor is the person key, or (before rows are re-keyed by person) the anonymous id,
  // else the raw user id.
  const visitors = [...new Set([key, ...anonymousIds, ...userIds, ...userIds.map((u) => `${USER_KEY_PREFIX}${u}`)])];
  const journeyDays = await inBatches('journey_days', 'visitor, channel, day', `visitor IN (${marks(visitors)})`, visitors);
  const journeySteps = await inBatches('journey_steps', 'visitor, name, day', `visitor IN (${marks(visitors)})`, visitors);

  const anon = anonymousIds.length ? anonymousIds : [''];
  const users = userIds.length ? userIds : [''];
  const identityLinks = await once('identity_links', `anonymous_id IN (${marks(anon)}) OR person_key = ?`, [...anon, key]);
  const userMerges = await once('user_merges', `user_id IN (${marks(users)}) OR person_key = ?`, [...users, key]);
  const conflicts = await once('identity_conflicts', `anonymous_id IN (${marks(anon)}) OR person_key = ? OR other_key = ?`, [...anon, key, key]);
  // `email_links` comes with the e-mail links (migration 11): a store without it has none to delete.
  const emailLinks = !(await hasTable(store, 'email_links')) ? null : userIds.length ? await once('email_links', `user_id IN (${marks(userIds)})`, userIds) : 0;

  return {
    person,
    deleted: { events, identity_links: identityLinks, user_merges: userMerges, identity_conflicts: conflicts, journey_days: journeyDays, journey_steps: journeySteps, email_links: emailLinks },
    suppressed,
  };
}
