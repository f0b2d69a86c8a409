// Two collectors in stream mode receive overlapping retries of the same batches (a client times out on
// one and re-sends to the other; both copies arrive): JetStream's duplicate window keeps one message
// per event, the responses count the rest as duplicates, and the loader stores each event once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../packages/collector/src/handler';
import { silentLogger } from '../../packages/collector/src/log';
import { openPostgresStore } from '../../packages/collector/src/store/postgres';
import { startLoader } from '../../packages/collector/src/stream/loader';
import { openStreamSink } from '../../packages/collector/src/stream/publisher';
import { connectNats, ensureConsumer, ensureStream } from '../../packages/collector/src/stream/setup';
import { batchBody, pageViews } from './support/events';
import { deleteStream, NATS_URL, requireNats, uniqueStream } from './support/nats';
import { dropSchema, PG_URL, requirePostgres, uniqueSchema, type AdminClient } from './support/pg';
import { waitUntil } from './support/processes';

const schema = uniqueSchema('twocoll');
const names = uniqueStream('twocoll');
const SITE = 'shop';
let admin: AdminClient;

beforeAll(async () => {
  await requireNats();
  admin = await requirePostgres();
});
afterAll(async () => {
  await deleteStream(NATS_URL, names.stream);
  await dropSchema(admin, schema);
  await admin.end();
});

describe('two collectors, overlapping retries', () => {
  it('keeps one message per event across both collectors and stores each event once', async () => {
    const opts = { url: NATS_URL, ...names };
    const sinks = [await openStreamSink(opts), await openStreamSink(opts)];
    const handlers = sinks.map((sink) => createHandler({ sink, sites: [{ id: SITE, origins: ['https://shop.test'] }], log: silentLogger, rateLimit: false }));
    const send = async (h: number, body: string) => {
      const res = await handlers[h]!(new Request('http://c.test/v1/touchpoints', { method: 'POST', headers: { origin: 'https://shop.test' }, body }));
      expect(res.status).toBe(200);
      return (await res.json()) as { accepted: number; duplicates: number };
    };

    const batches = Array.from({ length: 60 }, (_, i) => pageViews(20, `tc${i}`));
    const unique = new Set(batches.flat().map((e) => e.id as string));
    // Each batch goes to both collectors at once, and a third time to one of them a little later.
    const answers = await Promise.all(
      batches.map(async (events, i) => {
        const body = batchBody(SITE, events);
        const both = await Promise.all([send(0, body), send(1, body)]);
        await new Promise((r) => setTimeout(r, 5));
        return [...both, await send(i % 2, body)];
      }),
    );
    const flat = answers.flat();
    expect(flat.reduce((n, a) => n + a.accepted, 0)).toBe(unique.size);
    expect(flat.reduce((n, a) => n + a.duplicates, 0)).toBe(unique.size * 2);

    const nc = await connectNats(NATS_URL, 'twocoll-loader');
    const consumer = await ensureConsumer(await ensureStream(nc, opts), opts);
    const store = await openPostgresStore(PG_URL, { schema, poolSize: 2 });
    const loader = startLoader(nc, { ...opts, consumer, store, log: silentLogger });
    const count = async () => (await admin.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM "${schema}".events WHERE site = $1`, [SITE])).rows[0]!.n;
    await waitUntil('every event in the store', async () => (await count()) === unique.size, 30_000);
    // Nothing more arrives: the stream held exactly one message per event.
    await new Promise((r) => setTimeout(r, 1200));
    expect(await count()).toBe(unique.size);
    expect(await loader.metrics.render()).toMatch(/touchpoint_loader_events_duplicate_total 0$/m);
    await loader.stop();
    await nc.close();
    await store.close();
    for (const s of sinks) await s.close();
  });
});
