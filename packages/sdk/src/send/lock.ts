/**
 * Runs `fn` unless another tab of the site is already flushing: Web Locks with `ifAvailable` means a
 * tab never waits for, nor sends what, the tab holding the lock is sending (both read the shared
 * IndexedDB queue). Without Web Locks (older Safari) `fn` just runs; the collector de-duplicates.
 * Resolves to false when skipped.
 */
export function withLock(name: string, fn: () => Promise<void>): Promise<boolean> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return fn().then(() => true);
  return locks.request(name, { ifAvailable: true }, async (lock): Promise<boolean> => {
    if (!lock) return false;
    await fn();
    return true;
  }) as unknown as Promise<boolean>;
}
