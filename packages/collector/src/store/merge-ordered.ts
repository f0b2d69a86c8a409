import type { StoredEvent } from './types.js';

const before = (a: StoredEvent, b: StoredEvent) => a.ts < b.ts || (a.ts === b.ts && (a.id < b.id || (a.id === b.id && a.site < b.site)));

/**
 * Merges streams that are each ordered by (ts, id) into one ordered stream, holding one event per stream,
 * so reading every site costs one index-ordered query per site instead of a sort of the whole table.
 *
 * @param streams - one ordered stream per site
 * @example
 * for await (const e of mergeOrdered(sites.map((s) => iterateSite(s)))) write(e);
 */
export async function* mergeOrdered(streams: AsyncGenerator<StoredEvent>[]): AsyncGenerator<StoredEvent> {
  const heads: Array<{ value: StoredEvent; stream: AsyncGenerator<StoredEvent> }> = [];
  for (const stream of streams) {
    const r = await stream.next();
    if (!r.done) heads.push({ value: r.value, stream });
  }
  while (heads.length > 0) {
    let min = 0;
    for (let i = 1; i < heads.length; i++) if (before(heads[i]!.value, heads[min]!.value)) min = i;
    const head = heads[min]!;
    yield head.value;
    const r = await head.stream.next();
    if (r.done) heads.splice(min, 1);
    else head.value = r.value;
  }
}
