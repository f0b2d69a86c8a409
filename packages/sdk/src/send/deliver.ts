import { LIMITS, type BatchResponse, type TouchpointBatch, type TouchpointEvent } from '@touchpoint/schema';
import type { Queue } from '../queue/queue';
import type { Config, QueueStore, TouchpointError } from '../types';
import { toBatches } from './batch';
import { encode } from './formats';
import { withLock } from './lock';
import { backoff, retryAfter } from './retry';

/**
 * Delivery of the queue, as a tuple so the minified build carries no method names:
 * `queued(bytes)` a touchpoint was queued: flush now if a batch is full, else within the interval;
 * `flush()` sends everything queued (all tabs) unless another tab is doing it, never rejects;
 * `leave(events)` sends `events` with sendBeacon (fetch keepalive when there are headers or it refuses)
 *   within the 64 KB limit, returns the ids handed over;
 * `drop(reason, n, error?)` counts touchpoints dropped, sent in the next batch's `dropped`, and reports `error`;
 * `stop()`.
 */
export type Sender = [
  queued: (bytes: number) => void,
  flush: () => Promise<void>,
  leave: (events: TouchpointEvent[]) => string[],
  drop: (reason: string, n: number, error?: TouchpointError) => void,
  stop: () => void,
];

/**
 * Returns the sender of a client: config `c`, the queue's `store` and writer, whether sending is
 * allowed now, the error reporter and a hook told which ids the collector acknowledged.
 */
export function createSender(c: Config, store: QueueStore, [, settled]: Queue, canSend: () => boolean, report: (e: TouchpointError) => void, acked: (ids: string[]) => void): Sender {
  const size = c.batchSize || 50;
  const maxBytes = c.batchBytes || 65536;
  const interval = c.flushInterval ?? 5000;
  let dropped: Record<string, number> = {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let waiting: unknown; // in backoff: new touchpoints don't shorten the wait
  let n = 0;
  let bytes = 0;
  let busy: Promise<void> | undefined;
  let again: Promise<void> | undefined;

  // One request for batches and the unload fallback. text/plain is CORS-safelisted: no preflight round
  // trip, which the browser would also cancel on unload (the collector parses the body as JSON).
  const request = (body: string, keepalive?: boolean) =>
    (c.fetch || fetch)(c.endpoint, { method: 'POST', body, keepalive, headers: { 'content-type': 'text/plain', ...c.headers } });
  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(flush, ms);
  };
  const drop = (reason: string, k: number, e?: TouchpointError) => {
    dropped[reason] = (dropped[reason] || 0) + k;
    if (e) report(e);
  };
  // The body of a batch of `events`, taking the dropped counters with it; `undo` puts them back when unsent.
  const body = (events: TouchpointEvent[]): [string, () => void] => {
    const d = dropped;
    dropped = {};
    const b: TouchpointBatch = { site: c.site, sentAt: Date.now(), events, writeKey: c.writeKey };
    for (const _ in d) b.dropped = d;
    return [encode(b, c.format), () => Object.keys(d).forEach((k) => drop(k, d[k]!))];
  };

  // Sends one batch: -1 when done with it (acknowledged or dropped), else the ms to wait before retrying.
  async function post(events: TouchpointEvent[]): Promise<number> {
    const [data, undo] = body(events);
    let status = 0;
    let after: number | undefined;
    try {
      const res = await request(data);
      status = res.status;
      after = retryAfter(res.headers.get('retry-after'));
      const r = status < 300 && ((await res.json().catch(() => 0)) as BatchResponse);
      const k = r && r.rejected && r.rejected.length;
      if (k) report({ code: 'rejected', count: k, message: `collector rejected ${k}: ${r.rejected[0]!.reason}` });
    } catch {
      // network error: retried below like a 5xx
    }
    if (status > 199 && status < 300) return -1;
    undo();
    // 408, 429, 5xx and network errors are retried; any other status drops the batch
    if (status && status != 408 && status != 429 && status < 500) {
      drop(`http_${status}`, events.length, { code: 'dropped', status, count: events.length, message: `collector refused ${events.length} with HTTP ${status}` });
      return -1;
    }
    return after ?? backoff(attempt, c.retryBase, c.retryCap);
  }

  async function run(): Promise<void> {
    await settled();
    if (!canSend()) return;
    n = bytes = 0;
    const all = (await store.keys()).sort();
    // A batch's worth of events read at a time: a long queue never becomes one long main-thread task.
    for (let i = 0; i < all.length; i += size) {
      const events = (await store.getMany(all.slice(i, i + size))).filter((e): e is TouchpointEvent => !!e);
      for (const batch of toBatches(events, size, maxBytes)) {
        const wait = await post(batch);
        if (wait >= 0) {
          attempt++;
          waiting = 1;
          // Offline: the `online` listener flushes; a timer would only burn retries.
          if (navigator.onLine !== false) arm(wait);
          return;
        }
        const ids = batch.map((e) => e.id);
        await store.delMany(ids);
        acked(ids);
      }
    }
    attempt = 0;
    waiting = 0;
    if (n) arm(interval);
  }

  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    // A flush asked for while one runs goes again afterwards: it must include what was tagged since.
    if (busy) return (again ||= busy.then(() => ((again = undefined), flush())));
    return (busy = withLock(`touchpoint:${c.site}`, run)
      // another tab holds the lock: look again later, our touchpoints are in the shared queue
      .then((ran) => void (ran || arm(interval)))
      .catch((e) => report({ code: 'storage', message: String(e) }))
      .finally(() => (busy = undefined)));
  }

  const online = () => flush();
  addEventListener('online', online);
  return [
    (b) => {
      n++;
      bytes += b;
      // in backoff new touchpoints don't shorten the wait; without consent there is nothing to send
      if (waiting || !canSend()) return;
      if (n >= size || bytes >= maxBytes) void flush();
      else if (!timer) arm(interval);
    },
    flush,
    (events) => {
      // the oldest that fit in one beacon: 64 KB less 300 B for the envelope (toBatches keeps 200 of them)
      const [sent] = toBatches(events, LIMITS.maxBatchEvents, LIMITS.maxBeaconBytes - 100);
      if (!sent) return [];
      const [data, undo] = body(sent);
      // sendBeacon cannot carry headers; fetch keepalive also covers a refused beacon (queue full)
      try {
        if (c.headers || !navigator.sendBeacon || !navigator.sendBeacon(c.endpoint, data)) request(data, true).catch(() => 0);
        return sent.map((e) => e.id);
      } catch {
        undo();
        return [];
      }
    },
    drop,
    () => {
      clearTimeout(timer);
      removeEventListener('online', online);
    },
  ];
}
