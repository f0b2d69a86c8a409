/**
 * Runs `fn` unless another tab of the site is already flushing: Web Locks with `ifAvailable` means a
 * tab never waits for, nor sends what, the tab holding the lock is sending (both read the shared
 * IndexedDB queue). Without Web Locks (older Safari) `fn` just runs; the collector de-duplicates.
 * Resolves to a falsy value when skipped.
 */
export function withLock(name: string, fn: () => Promise<void>): Promise<unknown> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  const run = () => fn().then(() => 1);
  return locks ? locks.request(name, { ifAvailable: true }, (lock) => lock && run()) : run();
}
