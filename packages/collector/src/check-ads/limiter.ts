/** Runs tasks with a cap on how many run at once overall and per host. */
export type Limiter = <T>(host: string, task: () => Promise<T>) => Promise<T>;

/**
 * Creates a limiter so a catalogue of 1,000 ads on one shop never opens more than `perHost` connections
 * to it at once (being polite to the marketer's own server), while ads on different hosts proceed in
 * parallel up to `total`. Waiting tasks start in arrival order when a slot frees.
 * @param total maximum tasks in flight (default 16)
 * @param perHost maximum tasks in flight per host (default 4)
 * @example const limit = createLimiter({ total: 16, perHost: 4 }); await limit('shop.example', () => fetch(url))
 */
export function createLimiter({ total = 16, perHost = 4 } = {}): Limiter {
  let running = 0;
  const perHostRunning = new Map<string, number>();
  const waiting: Array<{ host: string; start: () => void }> = [];

  const canStart = (host: string) => running < total && (perHostRunning.get(host) ?? 0) < perHost;
  const pump = () => {
    for (let i = 0; i < waiting.length && running < total; ) {
      const w = waiting[i]!;
      if (canStart(w.host)) {
        waiting.splice(i, 1);
        w.start();
      }
      else i++;
    }
  };

  return <T>(host: string, task: () => Promise<T>) => new Promise<T>((resolve, reject) => {
    const start = () => {
      running++;
      perHostRunning.set(host, (perHostRunning.get(host) ?? 0) + 1);
      task().then(resolve, reject).finally(() => {
        running--;
        const n = (perHostRunning.get(host) ?? 1) - 1;
        if (n === 0) perHostRunning.delete(host);
        else perHostRunning.set(host, n);
        pump();
      });
    };
    if (canStart(host)) start();
    else waiting.push({ host, start });
  });
}
