import { SEGMENT_EVENT_NAMES, TOUCHPOINT, type TouchpointBatch, type TouchpointEvent } from '@touchpoint/schema';
import type { PayloadFormat } from '../types';

const iso = (ms: number) => new Date(ms).toISOString();

/** One touchpoint as a Segment spec message (`page`, `identify` or `track` with the Segment event name). */
export function toSegment(e: TouchpointEvent): Record<string, unknown> {
  const type = e.name == TOUCHPOINT.pageView ? 'page' : e.name == TOUCHPOINT.identify ? 'identify' : 'track';
  const c = e.campaign;
  return {
    type,
    event: type == 'track' ? SEGMENT_EVENT_NAMES[e.name] || e.name : undefined,
    name: type == 'page' ? e.page?.title : undefined,
    properties: e.properties,
    traits: e.traits,
    messageId: e.id,
    anonymousId: e.anonymousId,
    userId: e.userId,
    timestamp: iso(e.ts),
    context: {
      page: e.page,
      campaign: c && { source: c.source, medium: c.medium, name: c.campaign, term: c.term, content: c.content },
      library: e.sdk,
      touchpoint: { name: e.name, sessionId: e.sessionId, stage: e.stage, attribution: e.attribution },
    },
  };
}

/** The request body for `batch` in `format`: native TouchpointBatch JSON, Segment batch JSON, or the user's transform. */
export function encode(batch: TouchpointBatch, format: PayloadFormat = 'native'): string {
  const body =
    typeof format == 'function'
      ? format(batch)
      : format == 'segment'
        ? { batch: batch.events.map(toSegment), sentAt: iso(batch.sentAt), writeKey: batch.writeKey }
        : batch;
  return typeof body == 'string' ? body : JSON.stringify(body);
}
