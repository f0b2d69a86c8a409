import { LIMITS } from '@touchpoint/schema';
import { uuidv7 } from '../id.js';
import { AID, SID, type KeyValue } from './storage.js';

/**
 * The session id for a touchpoint at `now`: the visitor's session (shared by all tabs, stored as
 * `id.lastSeen`) unless 30 minutes passed without touchpoints, then a new one.
 */
export function session(kv: KeyValue, now: number): string {
  const [id, seen] = (kv.get(SID) || '').split('.');
  const sid = id && now - +seen! < LIMITS.sessionTimeoutMs ? id : uuidv7(now);
  kv.set(SID, `${sid}.${now}`);
  return sid;
}

/** Returns the persisted anonymous visitor id, creating it on first use. */
export function anonymousId(kv: KeyValue): string {
  let id = kv.get(AID);
  if (!id) kv.set(AID, (id = uuidv7()));
  return id;
}
