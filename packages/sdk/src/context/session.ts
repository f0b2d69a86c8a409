import { LIMITS } from '@touchpoint/schema';
import { uuidv7 } from '../id';
import { KEYS, type KeyValue } from './storage';

/**
 * Returns the session id for a touchpoint at `now`, starting a new session after 30 minutes without
 * touchpoints. Stored as `id.lastSeen` so every tab of the visitor shares it.
 */
export function sessionId(kv: KeyValue, now: number): string {
  const [id, last] = (kv.get(KEYS.session) || '').split('.');
  const sid = id && now - Number(last) < LIMITS.sessionTimeoutMs ? id : uuidv7(now);
  kv.set(KEYS.session, `${sid}.${now}`);
  return sid;
}

/** Returns the persisted anonymous visitor id, creating it on first use. */
export function anonymousId(kv: KeyValue): string {
  let id = kv.get(KEYS.anonymousId);
  if (!id) kv.set(KEYS.anonymousId, (id = uuidv7()));
  return id;
}
