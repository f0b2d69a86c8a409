import { LIMITS, type BatchResponse, type TouchpointBatch, type TouchpointEvent } from '@touchpoint/schema';
import type { Queue } from '../queue/queue';
import type { Config, TouchpointError } from '../types';
import { toBatches } from './batch';
import { beacon } from './beacon';
import { encode } from './formats';
import { withLock } from './lock';
import { backoff, outcomeOf, retryAfter } from './retry';

/** Delivery of the queue: batching by count, bytes and interval, retries, drops and the unload beacon. */
export interface Sender {
  /** a touchpoint of `bytes` was queued: flush now if a batch is full, else within the interval */
  queued(bytes: number): void;
  /** sends everything queued (all tabs) unless another tab is already doing it; never rejects */
  flush(): Promise<void>;
  /** sends `events` with sendBeacon (within the 64 KB limit); returns the ids handed to the browser */
  leave(events: TouchpointEvent[]): string[];
  /** counts touchpoints dropped on the device, reported in the next batch's `dropped` */
  drop(reason: string, n: number): void;
  stop(): void;
}

/** Options from the client: config, queue, whether sending is allowed now, and hooks. */
export interface SenderOptions {
  config: Config;
  queue: Queue;
  canSend: () => boolean;
  report: (e: TouchpointError) => void;
  acked: (ids: string[]) => void;
}

/** Returns the sender of a client. */
export function createSender({ config: c, queue, canSend, report, acked }: SenderOptions): Sender {
  const size = c.batchSize || 50;
  const maxBytes = c.batchBytes || 64 * 1024;
  const interval = c.flushInterval ?? 5000;
  let dropped: Record<string, number> = {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let waiting = false; // in backoff: new touchpoints don't shorten the wait
  let n = 0;
  let bytes = 0;
  let busy: Promise<void> | undefined;
  let again: Promise<void> | undefined;

  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(flush, ms);
  };
  const merge = (d: Record<string, number>) => {
    for (const k in d) dropped[k] = (dropped[k] || 0) + d[k]!;
  };
  const batchOf = (events: TouchpointEvent[]): [TouchpointBatch, Record<string, number>] => {
    const d = dropped;
    dropped = {};
    const b: TouchpointBatch = { site: c.site, sentAt: Date.now(), events };
    if (c.writeKey) b.writeKey = c.writeKey;
    for (const _ in d) {
      b.dropped = d;
      break;
    }
    return [b, d];
  };

  async function post(events: TouchpointEvent[]): Promise<number | undefined> {
    const [b, d] = batchOf(events);
    let status = 0;
    let after: number | undefined;
    try {
      const res = await (c.fetch || fetch)(c.endpoint, {
        method: 'POST',
        body: encode(b, c.format),
        // text/plain is CORS-safelisted: no preflight round trip (the collector parses it as JSON).
        headers: { 'content-type': 'text/plain', ...c.headers },
      });
      status = res.status;
      after = retryAfter(res.headers.get('retry-after'));
      if (status < 300) {
        const r = (await res.json().catch(() => undefined)) as BatchResponse | undefined;
        if (r && r.rejected && r.rejected.length)
          report({ code: 'rejected', count: r.rejected.length, message: `collector rejected ${r.rejected.length}: ${r.rejected[0]!.reason}` });
      }
    } catch {
      // network error: retried below like a 5xx
    }
    const o = status ? outcomeOf(status) : 'retry';
    if (o == 'ack') return -1;
    merge(d);
    if (o == 'drop') {
      drop(`http_${status}`, events.length);
      report({ code: 'dropped', status, count: events.length, message: `collector refused a batch of ${events.length} with HTTP ${status}` });
      return -1;
    }
    return after ?? backoff(attempt, c.retryBase, c.retryCap);
  }

  async function run(): Promise<void> {
    await queue.settled();
    if (!canSend()) return;
    n = bytes = 0;
    const all = await queue.ids();
    // A batch's worth of events read at a time: a long queue never becomes one long main-thread task.
    for (let i = 0; i < all.length; i += size) {
      for (const batch of toBatches(await queue.get(all.slice(i, i + size)), size, maxBytes)) {
        const wait = await post(batch);
        if (wait! >= 0) {
          attempt++;
          waiting = true;
          // Offline: the `online` listener flushes; a timer would only burn retries.
          if (navigator.onLine !== false) arm(wait!);
          return;
        }
        const ids = batch.map((e) => e.id);
        await queue.remove(ids);
        acked(ids);
      }
    }
    attempt = 0;
    waiting = false;
    if (n) arm(interval);
  }

  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    // A flush asked for while one runs goes again afterwards: it must include what was tagged since.
    if (busy) return (again ||= busy.then(() => ((again = undefined), flush())));
    return (busy = withLock(`touchpoint:${c.site}`, run)
      .then((ran) => {
        // another tab holds the lock: look again later, our touchpoints are in the shared queue
        if (!ran) arm(interval);
      })
      .catch((e) => report({ code: 'storage', message: String(e) }))
      .finally(() => (busy = undefined)));
  }

  function drop(reason: string, k: number) {
    dropped[reason] = (dropped[reason] || 0) + k;
  }

  const online = () => flush();
  addEventListener('online', online);
  return {
    queued(b) {
      n++;
      bytes += b;
      // in backoff new touchpoints don't shorten the wait; without consent there is nothing to send
      if (waiting || !canSend()) return;
      if (n >= size || bytes >= maxBytes) void flush();
      else if (!timer) arm(interval);
    },
    flush,
    drop,
    leave(events) {
      const sent: TouchpointEvent[] = [];
      let total = 300;
      for (const e of events) {
        total += JSON.stringify(e).length + 1;
        if (total > LIMITS.maxBeaconBytes) break;
        sent.push(e);
      }
      if (!sent.length) return [];
      const [b, d] = batchOf(sent);
      if (beacon(c.endpoint, encode(b, c.format), c.headers)) return sent.map((e) => e.id);
      merge(d);
      return [];
    },
    stop() {
      clearTimeout(timer);
      removeEventListener('online', online);
    },
  };
}
