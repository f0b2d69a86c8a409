// nats-server restarting under load, end to end: SDK-style clients → collector (stream mode) → JetStream
// → loader → PostgreSQL. The server is a private nats-server child process (-js -sd <tmpdir>) killed
// and started again mid-load; the shared one is never touched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../packages/collector/src/handler';
import { silentLogger } from '../../packages/collector/src/log';
import { openPostgresStore } from '../../packages/collector/src/store/postgres';
import type { Store } from '../../packages/collector/src/store/types';
import { startLoader, type Loader } from '../../packages/collector/src/stream/loader';
import type { NatsConnection } from '../../packages/collector/src/stream/nats-client';
import { openStreamSink, type StreamSink } from '../../packages/collector/src/stream/publisher';
import { connectNats, ensureConsumer, ensureStream } from '../../packages/collector/src/stream/setup';
import { batchBody, pageViews } from './support/events';
import { startOwnNatsServer, uniqueStream, type OwnNatsServer } from './support/nats';
import { dropSchema, PG_URL, requirePostgres, uniqueSchema, type AdminClient } from './support/pg';
import { deliver, handlerPost } from './support/sender';
import { waitUntil } from './support/processes';

const schema = uniqueSchema('natsrestart');
const SITE = 'shop';
let admin: AdminClient;
let nats: OwnNatsServer;
let sink: StreamSink;
let store: Store;
let loaderConn: NatsConnection;
let loader: Loader;

beforeAll(async () => {
  admin = await requirePostgres();
  nats = await startOwnNatsServer();
});
afterAll(async () => {
  await loader?.stop().catch(() => {});
  await loaderConn?.close().catch(() => {});
  await sink?.close().catch(() => {});
  await store?.close().catch(() => {});
  await nats?.dispose();
  await dropSchema(admin, schema);
  await admin.end();
});

describe('nats-server restart', () => {
  it('stores every sent touchpoint exactly once when nats-server is killed and restarted mid-load', async () => {
    const names = uniqueStream('restart');
    const opts = { url: nats.url, ...names };
    sink = await openStreamSink({ ...opts, ackTimeoutMs: 2000 });
    store = await openPostgresStore(PG_URL, { schema, poolSize: 4 });
    loaderConn = await connectNats(nats.url, 'loader');
    const consumer = await ensureConsumer(await ensureStream(loaderConn, opts), { ...opts, ackWaitMs: 3000 });
    loader = startLoader(loaderConn, { ...opts, consumer, store, batchSize: 500, log: silentLogger });

    const handler = createHandler({ sink, sites: [{ id: SITE, origins: ['https://shop.test'] }], log: silentLogger, rateLimit: false });
    const post = handlerPost(handler);
    const sent: string[] = [];
    const acked: string[] = [];
    const clients = Array.from({ length: 6 }, async (_, c) => {
      const out = [];
      for (let b = 0; b < 40; b++) {
        const events = pageViews(20, `r${c}-${b}`);
        sent.push(...events.map((e) => e.id as string));
        const d = await deliver(post, batchBody(SITE, events));
        if (d.status === 200) acked.push(...events.map((e) => e.id as string));
        out.push(d);
        await new Promise((r) => setTimeout(r, 10));
      }
      return out;
    });
    const restart = (async () => {
      await waitUntil('some acknowledged batches', () => acked.length >= 600, 20_000, 10);
      await nats.stop();
      await new Promise((r) => setTimeout(r, 1000));
      await nats.start();
    })();
    const [deliveries] = await Promise.all([Promise.all(clients), restart]);
    const all = deliveries.flat();
    expect(all.every((d) => d.status === 200)).toBe(true);
    const failures = all.flatMap((d) => d.failures);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((f) => f.status === 503 && f.retryAfter)).toBe(true);
    expect(acked.length).toBe(sent.length);

    const count = async () => (await admin.query<{ n: number; d: number }>(`SELECT COUNT(*)::int AS n, COUNT(DISTINCT id)::int AS d FROM "${schema}".events WHERE site = $1 AND id = ANY($2)`, [SITE, sent])).rows[0]!;
    await waitUntil('every sent event in the store', async () => (await count()).n === sent.length, 60_000, 200);
    expect(await count()).toEqual({ n: sent.length, d: sent.length });
    const total = await admin.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM "${schema}".events`);
    expect(total.rows[0]!.n).toBe(sent.length);
  });
});
