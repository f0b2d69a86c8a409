import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import express from 'express';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { count, pageView, testHandler } from '../handler.fixture.js';
import { touchpointMiddleware } from './express.js';
import { touchpointPlugin } from './fastify.js';
import { toNodeListener } from './node.js';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

function listen(server: Server): Promise<string> {
  closers.push(() => new Promise((r) => server.close(r)));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/** The same conversation with each adapter: a batch, a gzip batch, a preflight, a bad body. */
async function conversation(base: string, store: ReturnType<typeof testHandler>['store']) {
  const headers = { 'content-type': 'text/plain', origin: 'https://shop.test' };
  const ok = await fetch(`${base}/v1/touchpoints`, { method: 'POST', headers, body: JSON.stringify({ site: 'shop', events: [pageView(), pageView()] }) });
  expect(ok.status).toBe(200);
  expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.test');
  expect(await ok.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
  const gz = await fetch(`${base}/v1/touchpoints`, { method: 'POST', headers: { ...headers, 'content-encoding': 'gzip' }, body: gzipSync(JSON.stringify({ site: 'shop', events: [pageView()] })) });
  expect(gz.status).toBe(200);
  const pre = await fetch(`${base}/v1/touchpoints`, { method: 'OPTIONS', headers: { origin: 'https://shop.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
  expect(pre.status).toBe(204);
  const bad = await fetch(`${base}/v1/touchpoints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
  expect(bad.status).toBe(400);
  const big = await fetch(`${base}/v1/touchpoints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(600 * 1024) });
  expect(big.status).toBe(413);
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
  expect(await count(store)).toBe(3);
  // The peer address came through the adapter, truncated.
  expect(await store.query('SELECT DISTINCT ip FROM events')).toEqual([{ ip: '127.0.0.0' }]);
}

describe('adapters', () => {
  it('node:http listener', async () => {
    const { handler, store } = testHandler();
    await conversation(await listen(createServer(toNodeListener(handler))), store);
  });

  it('node:http listener gives extra routes the request body (only ingestion reads the Node stream directly)', async () => {
    const echo = async (req: Request) => (new URL(req.url).pathname === '/admin/echo' ? new Response(await req.text()) : undefined);
    const { handler } = testHandler({ routes: [echo] });
    const base = await listen(createServer(toNodeListener(handler)));
    const res = await fetch(`${base}/admin/echo`, { method: 'POST', body: 'catalogue,csv\n1,2' });
    expect(await res.text()).toBe('catalogue,csv\n1,2');
  });

  it('Express middleware, passing other paths on to the app, even after express.json()', async () => {
    const { handler, store } = testHandler();
    const app = express();
    app.use(express.json());
    app.use(touchpointMiddleware(handler));
    app.get('/hello', (_req, res) => void res.send('app route'));
    const base = await listen(createServer(app));
    await conversation(base, store);
    expect(await (await fetch(`${base}/hello`)).text()).toBe('app route');
    // A JSON body express.json() already parsed still arrives.
    const res = await fetch(`${base}/v1/touchpoints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ site: 'shop', events: [pageView()] }) });
    expect(res.status).toBe(200);
    expect(await count(store)).toBe(4);
  });

  it('Fastify plugin, leaving the app its own JSON parsing', async () => {
    const { handler, store } = testHandler();
    const app = Fastify();
    await app.register(touchpointPlugin(handler));
    app.post('/echo', async (req) => req.body);
    await app.listen({ port: 0, host: '127.0.0.1' });
    closers.push(() => app.close());
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await conversation(base, store);
    expect(await (await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' })).json()).toEqual({ a: 1 });
  });
});
