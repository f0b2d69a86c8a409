// The collector in stream mode: accepted touchpoints go to JetStream, one message per event on
// <prefix>.<site> with Nats-Msg-Id = site/id; 2xx only after every publish is acknowledged; 503 with
// Retry-After when the stream is full or JetStream is unreachable, and recovery without a restart;
// clear errors at start-up for a server without JetStream or an incompatible stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../packages/collector/src/handler';
import { silentLogger } from '../../packages/collector/src/log';
import { decodeEvent } from '../../packages/collector/src/stream/codec';
import { connect, jetstreamManager, StorageType } from '../../packages/collector/src/stream/nats-client';
import { openStreamSink, type StreamSink } from '../../packages/collector/src/stream/publisher';
import { batchBody, pageViews, storedEvent } from './support/events';
import { deleteStream, NATS_URL, requireNats, startOwnNatsServer, uniqueStream } from './support/nats';
import { deliver, handlerPost } from './support/sender';

const SITES = [{ id: 'shop', origins: ['https://shop.test'] }, { id: 'blog.es', origins: ['https://shop.test'] }];
const created: string[] = [];
const sinks: StreamSink[] = [];

beforeAll(() => requireNats());
afterAll(async () => {
  for (const s of sinks) await s.close().catch(() => {});
  for (const name of created) await deleteStream(NATS_URL, name);
});

async function sinkFor(label: string, extra: { maxBytes?: number; url?: string } = {}) {
  const names = uniqueStream(label);
  if (!extra.url) created.push(names.stream);
  const sink = await openStreamSink({ url: extra.url ?? NATS_URL, ...names, ...(extra.maxBytes ? { maxBytes: extra.maxBytes } : {}), ackTimeoutMs: 2000 });
  sinks.push(sink);
  const handler = createHandler({ sink, sites: SITES, log: silentLogger, rateLimit: false });
  return { sink, handler, post: handlerPost(handler), ...names };
}

describe('collector in stream mode', () => {
  it('publishes each accepted touchpoint once, per-site subject and site-scoped message id, and reports re-sent ones as duplicates', async () => {
    const { handler, post, stream, subjectPrefix, sink } = await sinkFor('publish');
    const events = pageViews(20, 'pub');
    const res = await handler(new Request('http://c.test/v1/touchpoints', { method: 'POST', headers: { origin: 'https://shop.test' }, body: batchBody('shop', events) }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 20, duplicates: 0, rejected: [] });
    // Acknowledged means JetStream has them: count before anyone reads.
    const jsm = await jetstreamManager(sink.connection);
    expect((await jsm.streams.info(stream)).state.messages).toBe(20);

    const again = await handler(new Request('http://c.test/v1/touchpoints', { method: 'POST', headers: { origin: 'https://shop.test' }, body: batchBody('shop', events) }));
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 20, rejected: [] });
    expect((await jsm.streams.info(stream)).state.messages).toBe(20);

    // The same ids on another site are other events, on that site's subject (the dot encoded).
    expect((await post(batchBody('blog.es', events))).status).toBe(200);
    const info = await jsm.streams.info(stream, { subjects_filter: '>' });
    expect(info.state.subjects).toEqual({ [`${subjectPrefix}.shop`]: 20, [`${subjectPrefix}.blog%2Ees`]: 20 });
    const first = await jsm.streams.getMessage(stream, { seq: 1 });
    expect(first?.header.get('Nats-Msg-Id')).toBe(`shop/${events[0]!.id}`);
    expect(decodeEvent(first!.data)).toMatchObject({ site: 'shop', id: events[0]!.id, name: 'page_view', channel: 'direct' });
    expect(await sink.ready()).toBe(true);
  });

  it('answers 503 with Retry-After when the stream is full, and accepts again once there is room', async () => {
    const { post, stream, sink } = await sinkFor('full', { maxBytes: 16 * 1024 });
    let full: { status: number; retryAfter: string | null } | undefined;
    for (let i = 0; i < 50 && !full; i++) {
      const r = await post(batchBody('shop', pageViews(20, `full${i}`)));
      if (r.status !== 200) full = r;
    }
    expect(full).toEqual({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
    // A loader draining the stream makes room (work-queue retention): purge stands in for it here.
    const jsm = await jetstreamManager(sink.connection);
    await jsm.streams.purge(stream);
    // (A few events: twenty of them, ~800 B each as messages, nearly fill the 16 KB stream on their own.)
    expect((await post(batchBody('shop', pageViews(5, 'room')))).status).toBe(200);
  });

  it('answers 503 when the stream was deleted under a running collector (no responders), and 200 once it is back', async () => {
    const { post, stream, sink, subjectPrefix } = await sinkFor('deleted');
    const jsm = await jetstreamManager(sink.connection);
    await jsm.streams.delete(stream);
    const r = await post(batchBody('shop', pageViews(5, 'gone')));
    expect(r).toEqual({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
    await jsm.streams.add({ name: stream, subjects: [`${subjectPrefix}.>`], storage: StorageType.File });
    expect((await post(batchBody('shop', pageViews(5, 'back')))).status).toBe(200);
  });

  it('answers 503 while JetStream is unreachable and recovers by itself when it is back', async () => {
    const own = await startOwnNatsServer();
    try {
      const { post, handler, stream } = await sinkFor('unreachable', { url: own.url });
      expect((await post(batchBody('shop', pageViews(5, 'before')))).status).toBe(200);
      await own.stop();
      await new Promise((r) => setTimeout(r, 300));
      const down = await post(batchBody('shop', pageViews(5, 'down')));
      expect(down).toEqual({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
      expect((await handler(new Request('http://c.test/readyz'))).status).toBe(503);
      await own.start();
      // No restart of the collector: the SDK-style retry gets through once NATS reconnects.
      const later = pageViews(5, 'after');
      const d = await deliver(post, batchBody('shop', later));
      expect(d.status).toBe(200);
      expect((await handler(new Request('http://c.test/readyz'))).status).toBe(200);
      const nc = await connect({ servers: own.url });
      const jsm = await jetstreamManager(nc);
      expect((await jsm.streams.info(stream)).state.messages).toBe(10);
      await nc.close();
    } finally {
      await own.dispose();
    }
  });

  it('fails at start-up with a clear error when the server has no JetStream', async () => {
    const plain = await startOwnNatsServer({ jetstream: false });
    try {
      await expect(openStreamSink({ url: plain.url, ...uniqueStream('nojs') })).rejects.toThrow(/JetStream is not enabled on this server: start nats-server with -js/);
    } finally {
      await plain.dispose();
    }
  });

  it('fails at start-up with a clear error when the NATS user has no permission for the JetStream API', async () => {
    const locked = await startOwnNatsServer({
      config: 'authorization { users = [ { user: "limited", password: "pw", permissions: { publish: { allow: ["tptest.>"] }, subscribe: { allow: ["_INBOX.>"] } } } ] }\n',
    });
    try {
      const url = locked.url.replace('nats://', 'nats://limited:pw@');
      await expect(openStreamSink({ url, ...uniqueStream('perm') })).rejects.toThrow(/lacks permission: allow publish to \$JS\.API\.>/);
      // Wrong credentials are named as such, and the password never reaches the message.
      const wrong = openStreamSink({ url: locked.url.replace('nats://', 'nats://limited:secret-pw@'), ...uniqueStream('perm') });
      await expect(wrong).rejects.toThrow(/Authorization Violation — wrong or missing NATS credentials/);
      await expect(wrong).rejects.not.toThrow(/secret-pw/);
    } finally {
      await locked.dispose();
    }
  });

  it('fails at start-up when NATS is not there, naming the URL', async () => {
    await expect(openStreamSink({ url: 'nats://127.0.0.1:1', ...uniqueStream('none') })).rejects.toThrow(/cannot connect to NATS \(NATS nats:\/\/127\.0\.0\.1:1\).*refused/);
  });

  it('refuses an existing stream of the same name with another configuration, naming what differs', async () => {
    const names = uniqueStream('mismatch');
    created.push(names.stream);
    const nc = await connect({ servers: NATS_URL });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: names.stream, subjects: ['elsewhere.>'], storage: StorageType.Memory });
    await nc.close();
    await expect(openStreamSink({ url: NATS_URL, ...names })).rejects.toThrow(
      new RegExp(`stream ${names.stream} on .* exists with another configuration: subjects are \\[elsewhere\\.>\\], expected to include ${names.subjectPrefix.replace('.', '\\.')}\\.>; storage is memory, expected file; retention is limits, expected workqueue`),
    );
  });

  it('keeps using a compatible stream that already exists (a second collector starting)', async () => {
    const names = uniqueStream('shared');
    created.push(names.stream);
    const a = await openStreamSink({ url: NATS_URL, ...names });
    const b = await openStreamSink({ url: NATS_URL, ...names });
    sinks.push(a, b);
    const rows = [storedEvent(), storedEvent(), storedEvent()];
    expect(await a.write(rows)).toEqual({ inserted: 3, duplicates: 0 });
    expect(await b.write(rows)).toEqual({ inserted: 0, duplicates: 3 });
  });
});
