import type { BatchResponse } from '@touchpoint/schema';
import { HttpError } from '../http-error.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { SuppressedFilter } from '../people/suppressed-ids.js';
import type { EventSink, StoredEvent, WriteResult } from '../store/types.js';
import { dedupeBatch } from './dedupe.js';
import { enrichEvent, type EventHints, type RequestContext } from './enrich.js';
import type { ValidBatch } from './validate.js';

/** What ingestion needs besides the batch. */
export interface IngestDeps {
  sink: EventSink;
  metrics: Metrics;
  log: Logger;
  /** drops events of erased people before the write (when the sink is a store; a stream's loader does it) */
  suppressed?: SuppressedFilter;
}

/**
 * The ingestion story after validation: dedupe → enrich → store, then the `BatchResponse`.
 * A store failure throws a 503 {@link HttpError} with `Retry-After` — nothing is acknowledged that
 * was not stored.
 *
 * @param batch - validated events with their body index, and the refusals so far
 * @param ctx - request facts (site, times, UA, IP policy)
 * @param hints - per body index overrides (Segment messages carry their own UA/IP/sentAt)
 * @example
 * const response = await ingest(validateBody(body), ctx, deps);
 */
export async function ingest(batch: ValidBatch, ctx: RequestContext, deps: IngestDeps, hints: ReadonlyArray<EventHints | undefined> = []): Promise<BatchResponse> {
  const rejected = [...batch.rejected];
  const { unique, repeats } = dedupeBatch(batch.events);
  let rows: StoredEvent[] = [];
  for (const { event, index } of unique) {
    const r = enrichEvent(event, ctx, hints[index]);
    if (r.ok) rows.push(r.row);
    else rejected.push({ index, id: event.id, reason: r.reason, code: r.code });
  }
  rejected.sort((a, b) => a.index - b.index);
  let result: WriteResult = { inserted: 0, duplicates: 0 };
  if (rows.length > 0) {
    try {
      // Erased people's late retries: dropped silently (neither accepted nor refused, so the browser
      // stops sending them), counted in touchpoint_events_suppressed_total.
      if (deps.suppressed) {
        const { kept, dropped } = await deps.suppressed(rows);
        if (dropped) deps.metrics.suppressed(dropped);
        rows = kept;
      }
      if (rows.length > 0) result = await deps.sink.write(rows);
    } catch (err) {
      deps.metrics.storeError();
      deps.log.error({ site: ctx.site.id, events: rows.length, error: (err as Error).message }, 'store write failed');
      throw new HttpError(503, 'store unavailable, retry later', { 'Retry-After': '5' });
    }
  }
  const counts = new Map<string, number>();
  for (const r of rejected) counts.set(r.code, (counts.get(r.code) ?? 0) + 1);
  for (const [code, n] of counts) deps.metrics.rejected(code, n);
  if (result.inserted) deps.metrics.accepted(ctx.site.id, result.inserted);
  if (result.duplicates + repeats) deps.metrics.deduplicated(result.duplicates + repeats);
  if (result.identityConflicts) deps.metrics.identityConflicts(result.identityConflicts);
  const bots = rows.filter((r) => r.isBot).length;
  if (bots) deps.metrics.bots(bots);
  return {
    accepted: result.inserted,
    duplicates: result.duplicates + repeats,
    rejected: rejected.map(({ code: _code, ...r }) => r),
  };
}
