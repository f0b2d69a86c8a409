// localStorage can be missing, disabled or full (Safari private mode used to throw on setItem):
// every access is guarded so persistence problems never reach the host page.

/** A tiny key/value store: localStorage, or memory when `persist` is false or storage is unusable. */
export interface KeyValue {
  get(key: string): string | null;
  set(key: string, value: string | null): void;
}

/** Keys the SDK keeps in localStorage, all under the `tp:` prefix. */
export const AID = 'tp:aid';
export const SID = 'tp:sid';
export const UID = 'tp:uid';
export const ATTR = 'tp:attr';

/** Returns a store backed by localStorage (falling back to memory per key) or by memory only. */
export function keyValue(persist: boolean): KeyValue {
  const mem: Record<string, string | null> = {};
  const ls = (): Storage | undefined => {
    try {
      return persist ? globalThis.localStorage : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    get(k) {
      try {
        const v = ls()?.getItem(k);
        if (v != null) return v;
      } catch {
        // unreadable storage: memory below
      }
      return mem[k] ?? null;
    },
    set(k, v) {
      mem[k] = v;
      try {
        const s = ls();
        if (s) v == null ? s.removeItem(k) : s.setItem(k, v);
      } catch {
        // quota or disabled storage: the memory copy carries on for this page
      }
    },
  };
}
