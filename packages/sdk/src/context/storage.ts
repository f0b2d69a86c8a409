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
/** Touchpoints a leaving page handed over synchronously, in case IndexedDB had not stored them yet. */
export const SPILL = 'tp:spill';

/** Returns a store backed by localStorage (falling back to memory per key) or by memory only. */
export function keyValue(persist: boolean): KeyValue {
  const mem: Record<string, string | null> = {};
  let ls: Storage | undefined;
  try {
    if (persist) ls = localStorage;
  } catch {
    // localStorage access itself throws when storage is disabled
  }
  return {
    get(k) {
      let v;
      try {
        v = ls?.getItem(k);
      } catch {
        // unreadable storage: memory below
      }
      return v ?? mem[k] ?? null;
    },
    set(k, v) {
      mem[k] = v;
      try {
        if (ls) v == null ? ls.removeItem(k) : ls.setItem(k, v);
      } catch {
        // quota or disabled storage: the memory copy carries on for this page
      }
    },
  };
}
