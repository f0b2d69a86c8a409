import { LIMITS } from '@touchpoint/schema';
import { uuidv7 } from '../id';
import { AID, SID, type KeyValue } from './storage';

/**
 * Returns a function giving the session id for a touchpoint at `now`: a new session starts after 30
 * minutes without touchpoints. Stored as `id.lastSeen` so every tab of the visitor shares it; storage
 * is read only when the session this tab knows would have expired, and written at most once a second,
 * because localStorage is synchronous and `tag()` must stay cheap.
 */
export function sessions(kv: KeyValue): (now: number) => string {
  let id = '';
  let last = 0;
  let saved = 0;
  return (now) => {
    if (now - last >= LIMITS.sessionTimeoutMs) {
      const [sid, seen] = (kv.get(SID) || '').split('.');
      [id, last] = sid && now - Number(seen) < LIMITS.sessionTimeoutMs ? [sid, Number(seen)] : [uuidv7(now), 0];
    }
    last = now;
    if (now - saved > 1000) kv.set(SID, `${id}.${(saved = now)}`);
    return id;
  };
}

/** Returns the persisted anonymous visitor id, creating it on first use. */
export function anonymousId(kv: KeyValue): string {
  let id = kv.get(AID);
  if (!id) kv.set(AID, (id = uuidv7()));
  return id;
}
