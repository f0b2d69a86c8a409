import { LIMITS, type BatchResponse, type TouchpointBatch, type TouchpointEvent } from '@touchpoint/schema';
import type { Config, QueueStore } from '../types.js';
import { fit } from './batch.js';
import { encode } from './formats.js';
import { withLock } from './lock.js';
import { message } from '../messages.js';
import { backoff, retryAfter } from './retry.js';

/** Reports a problem to `onError` (and the console with `debug`): code, message, how many, HTTP status. */
export type Report = (code: string, message: string, count?: number, status?: number) => void;

/**
 * Delivery of the queue. Members are `_`-prefixed: internal, so the minifier shortens their names.
 */
export interface Sender {
  /** a touchpoint of `bytes` was queued: flush now if a batch is full, else within the interval */
  _queued(bytes: number): void;
  /** sends everything queued (all tabs) unless another tab is doing it; never rejects */
  _flush(): Promise<void>;
  /**
   * sends `events` with sendBeacon (fetch keepalive when there are headers or it refuses) within the
   * 64 KB limit; returns the ids handed over
   */
  _leave(events: TouchpointEvent[]): string[];
  /** counts `n` touchpoints dropped for `reason` (sent in the next batch's `dropped`), reported when given a code */
  _drop(reason: string, n: number, code?: string, message?: string, status?: number): void;
  /** stops the timer and the `online` listener */
  _stop(): void;
}

/**
 * Returns the sender of a client: config `c`, the queue's `store`, a promise of the pending writes,
 * whether sending is allowed now, the error reporter and a hook told which ids are done with
 * (acknowledged, or dropped by the collector).
 */
export function createSender(c: Config, store: QueueStore, settled: () => Promise<void>, canSend: () => boolean, report: Report, acked: (ids: string[]) => void): Sender {
  const size = Math.min(c.batchSize || 50, LIMITS.maxBatchEvents);
  const maxBytes = Math.min(c.batchBytes || 65536, LIMITS.maxBatchBytes);
  const interval = c.flushInterval ?? 5000;
  let dropped: Record<string, number> = {};
  let timer: ReturnType<typeof setTimeout> | 0 = 0;
  let attempt = 0; // failed sends in a row; while > 0 new touchpoints don't shorten the backoff
  let n = 0;
  let bytes = 0;
  let busy: Promise<void> | 0 = 0;
  let again: Promise<void> | 0 = 0;

  // One request for batches and the unload fallback. text/plain is CORS-safelisted: no preflight round
  // trip, which the browser would also cancel on unload (the collector parses the body as JSON).
  const request = (body: string, keepalive?: boolean) =>
    (c.fetch || fetch)(c.endpoint, { method: 'POST', body, keepalive, credentials: c.credentials, headers: { 'content-type': 'text/plain', ...c.headers } });
  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(flush, ms);
  };
  const drop: Sender['_drop'] = (reason, k, code, message, status) => {
    dropped[reason] = (dropped[reason] || 0) + k;
    if (code) report(code, message!, k, status);
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
    let wait: number | undefined;
    try {
      const res = await request(data);
      status = res.status;
      wait = retryAfter(res.headers.get('retry-after'));
      if (res.ok) {
        const r = (await res.json().catch(() => 0)) as BatchResponse;
        const k = r && r.rejected && r.rejected.length;
        if (k) report('rejected', message('E33', 'collector', k, r.rejected[0]!.reason), k);
        return -1;
      }
    } catch {
      // network error: retried below like a 5xx
    }
    undo();
    // 408, 429, 5xx and network errors are retried; any other status drops the batch
    if (!status || status == 408 || status == 429 || status > 499) return wait ?? backoff(attempt, c.retryBase, c.retryCap);
    drop(`http_${status}`, events.length, 'dropped', message('E32', `HTTP ${status}`, events.length), status);
    return -1;
  }

  async function run(): Promise<void> {
    await settled();
    if (!canSend()) return;
    n = bytes = 0;
    // A batch's worth read at a time (a long queue never becomes one long main-thread task), oldest
    // first, until the queue is empty; what is tagged meanwhile goes in the same run.
    for (let ids; (ids = (await store.keys()).sort().slice(0, size))[0]; ) {
      const batch = fit((await store.getMany(ids)).filter((e) => e) as TouchpointEvent[], maxBytes);
      if (!batch[0]) break; // removed meanwhile (a tab without Web Locks)
      const wait = await post(batch);
      if (wait >= 0) {
        attempt++;
        // Offline: the `online` listener flushes; a timer would only burn retries.
        if (navigator.onLine !== false) arm(wait);
        return;
      }
      const done = batch.map((e) => e.id);
      await store.delMany(done);
      acked(done);
    }
    attempt = 0;
    if (n) arm(interval);
  }

  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = 0;
    // A flush asked for while one runs goes again afterwards: it must include what was tagged since.
    if (busy) return (again ||= busy.then(() => ((again = 0), flush())));
    return (busy = withLock(`touchpoint:${c.site}`, run)
      // another tab holds the lock: look again later, our touchpoints are in the shared queue
      .then((ran) => void (ran || arm(interval)), (e) => report('storage', message('E34', 'queue', e)))
      .finally(() => (busy = 0)));
  }

  addEventListener('online', flush);
  return {
    _queued(b) {
      n++;
      bytes += b;
      // in backoff new touchpoints don't shorten the wait; without consent there is nothing to send
      if (attempt || !canSend()) return;
      if (n >= size || bytes >= maxBytes) void flush();
      else if (!timer) arm(interval);
    },
    _flush: flush,
    _leave(events) {
      // the oldest that fit in one beacon: 64 KB less 300 B for the envelope
      const sent = fit(events.slice(0, LIMITS.maxBatchEvents), LIMITS.maxBeaconBytes - 100);
      const [data, undo] = body(sent);
      // sendBeacon cannot carry headers; fetch keepalive also covers a refused beacon (queue full)
      try {
        if (c.headers || !navigator.sendBeacon?.(c.endpoint, data)) request(data, true).catch(() => 0);
        return sent.map((e) => e.id);
      } catch {
        undo();
        return [];
      }
    },
    _drop: drop,
    _stop() {
      clearTimeout(timer);
      removeEventListener('online', flush);
    },
  };
}
