// Erasure and the stream: touchpoints of a person still in JetStream when they are erased (published by
// a collector before the erasure, or a late retry the collector streamed) are acked and dropped by the
// loader, never stored again; other people's touchpoints in the same batches are stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../packages/collector/src/log';
import { forgetPerson } from '../../packages/collector/src/people/forget-person';
import { openPostgresStore } from '../../packages/collector/src/store/postgres';
import { startLoader } from '../../packages/collector/src/stream/loader';
import { jetstreamManager } from '../../packages/collector/src/stream/nats-client';
import { openStreamSink } from '../../packages/collector/src/stream/publisher';
import { connectNats, ensureConsumer, ensureStream } from '../../packages/collector/src/stream/setup';
import { storedEvent } from './support/events';
import { deleteStream, NATS_URL, requireNats, uniqueStream } from './support/nats';
import { dropSchema, PG_URL, requirePostgres, uniqueSchema, type AdminClient } from './support/pg';
import { waitUntil } from './support/processes';

const schema = uniqueSchema('suppressed');
const streams: string[] = [];
let admin: AdminClient;

beforeAll(async () => {
  await requireNats();
  admin = await requirePostgres();
});
afterAll(async () => {
  for (const s of streams) await deleteStream(NATS_URL, s);
  await dropSchema(admin, schema);
  await admin.end();
});

describe('loader and erased people', () => {
  it('drops touchpoints of an erased person that were still in the stream, counts them, and loads the rest', async () => {
    const names = uniqueStream('suppressed');
    streams.push(names.stream);
    const site = `sup-${names.stream.slice(-8).toLowerCase()}`;
    const store = await openPostgresStore(PG_URL, { schema, poolSize: 2 });
    // The person had touchpoints stored before; the erasure runs while more of theirs wait in the stream.
    await store.write([storedEvent({ site, id: 'old-1', anonymousId: 'gone' })]);
    const erased = await forgetPerson(store, site, { anonymous: 'gone' });
    expect(erased.deleted.events).toBe(1);

    const sink = await openStreamSink({ url: NATS_URL, ...names });
    const ts = 1_700_000_000_000;
    await sink.write([
      storedEvent({ site, id: 'old-1', anonymousId: 'gone', ts }), // a late retry of an erased touchpoint
      ...Array.from({ length: 20 }, (_, i) => storedEvent({ site, id: `gone-${i}`, anonymousId: 'gone', ts: ts + i })),
      ...Array.from({ length: 30 }, (_, i) => storedEvent({ site, id: `stays-${i}`, anonymousId: 'stays', ts: ts + i })),
    ]);
    await sink.close();

    const nc = await connectNats(NATS_URL, 'suppressed-loader');
    const consumer = await ensureConsumer(await ensureStream(nc, { url: NATS_URL, ...names }), { url: NATS_URL, ...names, ackWaitMs: 1000 });
    const loader = startLoader(nc, { url: NATS_URL, ...names, consumer, store, batchSize: 16, log: silentLogger });
    await waitUntil('the suppressed touchpoints counted', async () => /^touchpoint_loader_events_suppressed_total 21$/m.test(await loader.metrics.render()), 20_000);
    await waitUntil('the other touchpoints stored', async () => (await store.query('SELECT id FROM events WHERE site = ?', [site])).length === 30, 20_000);
    const rows = await store.query<{ anonymous_id: string; n: number }>('SELECT anonymous_id, COUNT(*) AS n FROM events WHERE site = ? GROUP BY anonymous_id', [site]);
    expect(rows).toEqual([{ anonymous_id: 'stays', n: 30 }]);
    // Acked, not redelivered: the consumer is drained.
    const jsm = await jetstreamManager(nc);
    await waitUntil('the consumer to be drained', async () => {
      const info = await jsm.consumers.info(names.stream, consumer);
      return info.num_pending === 0 && info.num_ack_pending === 0;
    }, 10_000);
    await loader.stop();
    await nc.close();
    await store.close();
  });
});
