// localStorage can be missing, disabled or full (Safari private mode used to throw on setItem):
// every access is guarded so persistence problems never reach the host page.

/** A tiny key/value store: localStorage, or memory when `persist` is false or storage is unusable. */
export interface KeyValue {
  get(key: string): string | undefined;
  set(key: string, value?: string | null): void;
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
  const mem: Record<string, string | null | undefined> = {};
  let ls: Storage | false = false;
  try {
    ls = persist && localStorage;
  } catch {
    // localStorage access itself throws when storage is disabled
  }
  // Without localStorage (`ls` false) every access throws too and memory answers.
  return {
    get(k) {
      let v;
      try {
        v = (ls as Storage).getItem(k);
      } catch {
        // unreadable storage: memory below
      }
      return v || mem[k] || undefined;
    },
    set(k, v) {
      mem[k] = v;
      try {
        v ? (ls as Storage).setItem(k, v) : (ls as Storage).removeItem(k);
      } catch {
        // quota or disabled storage: the memory copy carries on for this page
      }
    },
  };
}
