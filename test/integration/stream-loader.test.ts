// The loader: JetStream → store, acking only what the store committed. Every published touchpoint
// reaches the store exactly once when the loader is killed mid-load and restarted, when the store is
// away for a while, and when two loaders share the consumer. Loaders here are real `load` processes
// (built CLI) except where a test needs to reach inside.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../packages/collector/src/log';
import { openPostgresStore } from '../../packages/collector/src/store/postgres';
import type { Store } from '../../packages/collector/src/store/types';
import { startLoader } from '../../packages/collector/src/stream/loader';
import { connect, jetstream, jetstreamManager } from '../../packages/collector/src/stream/nats-client';
import { openStreamSink } from '../../packages/collector/src/stream/publisher';
import { connectNats, ensureConsumer, ensureStream } from '../../packages/collector/src/stream/setup';
import { storedEvent } from './support/events';
import { deleteStream, NATS_URL, requireNats, uniqueStream } from './support/nats';
import { dropSchema, PG_URL, requirePostgres, uniqueSchema, type AdminClient } from './support/pg';
import { spawnCli, waitUntil, type CliProcess } from './support/processes';
import { startTcpProxy } from './support/tcp-proxy';

const schema = uniqueSchema('loader');
const streams: string[] = [];
const procs: CliProcess[] = [];
let admin: AdminClient;

beforeAll(async () => {
  await requireNats();
  admin = await requirePostgres();
});
afterAll(async () => {
  for (const p of procs) await p.kill();
  for (const s of streams) await deleteStream(NATS_URL, s);
  await dropSchema(admin, schema);
  await admin.end();
});

/** A fresh stream with `n` touchpoints of one fresh site published to it; returns names and ids. */
async function publish(label: string, n: number) {
  const names = uniqueStream(label);
  streams.push(names.stream);
  const sink = await openStreamSink({ url: NATS_URL, ...names });
  const site = `${label}-${names.stream.slice(-8).toLowerCase()}`;
  const ids: string[] = [];
  for (let i = 0; i < n; i += 500) {
    const batch = Array.from({ length: Math.min(500, n - i) }, (_, k) => storedEvent({ site, id: `${label}-${i + k}`, ts: 1_700_000_000_000 + i + k }));
    ids.push(...batch.map((e) => e.id));
    await sink.write(batch);
  }
  await sink.close();
  return { ...names, site, ids };
}

const stored = async (site: string) => (await admin.query<{ n: number; d: number }>(`SELECT COUNT(*)::int AS n, COUNT(DISTINCT id)::int AS d FROM "${schema}".events WHERE site = $1`, [site])).rows[0]!;

async function consumerState(stream: string, consumer = 'touchpoint-loader') {
  const nc = await connect({ servers: NATS_URL });
  try {
    const i = await (await jetstreamManager(nc)).consumers.info(stream, consumer);
    return { pending: i.num_pending, ackPending: i.num_ack_pending, redelivered: i.num_redelivered };
  } finally {
    await nc.close();
  }
}

function loaderProcess(names: { stream: string; subjectPrefix: string }, extra: string[] = []): CliProcess {
  const p = spawnCli(['load', '--stream', NATS_URL, '--stream-name', names.stream, '--stream-subjects', names.subjectPrefix, '--pg', PG_URL, '--pg-schema', schema, '--ack-wait', '2000', ...extra]);
  procs.push(p);
  return p;
}

describe('loader', () => {
  it('loses nothing and stores nothing twice when killed mid-load and restarted', async () => {
    const { site, ids, ...names } = await publish('kill', 20_000);
    const first = loaderProcess(names, ['--batch', '500']);
    await first.waitForLog((e) => e.msg === 'loader started');
    await waitUntil('the first loader to store part of the stream', async () => (await stored(site)).n >= 2000, 30_000, 20);
    await first.kill();
    const atKill = (await stored(site)).n;
    expect(atKill).toBeLessThan(ids.length);

    const second = loaderProcess(names, ['--batch', '500']);
    await waitUntil('every event in the store', async () => (await stored(site)).n === ids.length, 60_000);
    expect(await stored(site)).toEqual({ n: ids.length, d: ids.length });
    // The stream is drained: nothing pending, nothing waiting for an ack.
    await waitUntil('the consumer to be drained', async () => {
      const s = await consumerState(names.stream);
      return s.pending === 0 && s.ackPending === 0;
    });
    expect(await second.stop()).toBe(0);
  });

  it('redelivers a batch stored just before a crash, and the store counts it as duplicates (exactly once)', async () => {
    const { site, ids, ...names } = await publish('commit-crash', 3000);
    const store = await openPostgresStore(PG_URL, { schema, poolSize: 2 });
    const nc = await connectNats(NATS_URL, 'doomed-loader');
    const jsm = await ensureStream(nc, { url: NATS_URL, ...names });
    const consumer = await ensureConsumer(jsm, { url: NATS_URL, ...names, ackWaitMs: 1500 });
    // A store that commits the first batch and then "crashes" before the loader can ack it.
    let crashed = false;
    const doomed: Store = {
      ...store,
      write: async (events) => {
        if (crashed) return new Promise(() => {});
        const r = await store.write(events);
        crashed = true;
        await nc.close();
        return new Promise(() => void r);
      },
    };
    startLoader(nc, { url: NATS_URL, ...names, consumer, store: doomed, batchSize: 1000, concurrency: 1, log: silentLogger });
    await waitUntil('the doomed loader to commit a batch', () => crashed);
    expect((await stored(site)).n).toBe(1000);

    const nc2 = await connectNats(NATS_URL, 'healthy-loader');
    const loader = startLoader(nc2, { url: NATS_URL, ...names, consumer, store, batchSize: 1000, log: silentLogger });
    await waitUntil('every event in the store', async () => (await stored(site)).n === ids.length, 30_000);
    await waitUntil('the redelivered batch to be acked as duplicates', async () => (await loader.metrics.render()).includes('touchpoint_loader_events_duplicate_total 1000'), 15_000);
    expect(await stored(site)).toEqual({ n: 3000, d: 3000 });
    await loader.stop();
    await nc2.close();
    await store.close();
  });

  it('waits out a store outage, retrying, and loads everything once the store is back', async () => {
    const { site, ids, ...names } = await publish('outage', 5000);
    const target = new URL(PG_URL);
    const proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
    const via = new URL(PG_URL);
    via.hostname = '127.0.0.1';
    via.port = String(proxy.port);
    const store = await openPostgresStore(via.toString(), { schema, poolSize: 2, connectTimeoutMs: 500 });
    proxy.cut();
    const nc = await connectNats(NATS_URL, 'outage-loader');
    const consumer = await ensureConsumer(await ensureStream(nc, { url: NATS_URL, ...names }), { url: NATS_URL, ...names, ackWaitMs: 2000 });
    const loader = startLoader(nc, { url: NATS_URL, ...names, consumer, store, batchSize: 1000, maxBackoffMs: 300, log: silentLogger });
    await waitUntil('failed store writes', async () => /touchpoint_loader_store_errors_total [3-9]/.test(await loader.metrics.render()), 15_000);
    expect((await stored(site)).n).toBe(0);
    // Held past ack_wait by working(): the batch in hand is not handed out again meanwhile.
    await new Promise((r) => setTimeout(r, 2500));
    proxy.restore();
    await waitUntil('every event in the store', async () => (await stored(site)).n === ids.length, 30_000);
    expect(await stored(site)).toEqual({ n: 5000, d: 5000 });
    await loader.stop();
    await nc.close();
    await store.close();
    await proxy.close();
  });

  it('terminates a message that is not a touchpoint, counts it, and loads the rest', async () => {
    const { site, ids, ...names } = await publish('poison', 50);
    const nc = await connectNats(NATS_URL, 'poison-loader');
    await jetstream(nc).publish(`${names.subjectPrefix}.${site}`, new TextEncoder().encode('{"not":"a touchpoint"}'));
    const store = await openPostgresStore(PG_URL, { schema, poolSize: 2 });
    const consumer = await ensureConsumer(await ensureStream(nc, { url: NATS_URL, ...names }), { url: NATS_URL, ...names, ackWaitMs: 1000 });
    const loader = startLoader(nc, { url: NATS_URL, ...names, consumer, store, log: silentLogger });
    await waitUntil('every event in the store', async () => (await stored(site)).n === ids.length, 20_000);
    await waitUntil('the poison message counted', async () => /touchpoint_loader_events_poison_total 1$/m.test(await loader.metrics.render()), 10_000);
    // Terminated, not redelivered: the consumer is drained.
    await waitUntil('the consumer to be drained', async () => {
      const s = await consumerState(names.stream);
      return s.pending === 0 && s.ackPending === 0;
    }, 10_000);
    expect(await loader.metrics.render()).toMatch(/touchpoint_loader_events_poison_total 1$/m);
    await loader.stop();
    await nc.close();
    await store.close();
  });

  it('shares the consumer between two loader processes: both work, each event stored once, lag and the stored-events counter on /metrics', async () => {
    const { site, ids, ...names } = await publish('pair', 30_000);
    const a = loaderProcess(names, ['--batch', '200', '--metrics-port', '0']);
    const b = loaderProcess(names, ['--batch', '200', '--metrics-port', '0']);
    const urls = await Promise.all([a, b].map(async (p) => (await p.waitForLog((e) => e.msg === 'loader started')).metrics as string));
    const scrape = async (url: string) => {
      const text = await (await fetch(url)).text();
      const value = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
      return { text, stored: value('touchpoint_loader_events_stored_total'), pending: value('touchpoint_loader_consumer_pending') };
    };
    // Mid-load, a loader reports the backlog it sees.
    await waitUntil('a lag figure', async () => (await scrape(urls[0]!)).pending > 0 || (await stored(site)).n === ids.length, 10_000, 200);
    await waitUntil('every event in the store', async () => (await stored(site)).n === ids.length, 60_000);
    expect(await stored(site)).toEqual({ n: ids.length, d: ids.length });
    const [ma, mb] = await Promise.all(urls.map(scrape));
    expect(ma!.stored).toBeGreaterThan(0);
    expect(mb!.stored).toBeGreaterThan(0);
    expect(ma!.stored + mb!.stored).toBe(ids.length);
    expect(ma!.text).toMatch(/# TYPE touchpoint_loader_consumer_ack_pending gauge/);
    await waitUntil('lag back to zero', async () => (await scrape(urls[0]!)).pending === 0, 10_000, 250);
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
  });
});
