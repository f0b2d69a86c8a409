// A fake collector for browser tests: records every request body and answers like the real one
// (BatchResponse JSON, CORS open), with a status and delay the test can change at any time.
import { createServer } from 'node:http';
// Relative: test/ has no workspace dependency on the schema package.
import type { TouchpointBatch, TouchpointEvent } from '../../../packages/schema/src/index';

/** One request the collector received. */
export interface Captured {
  method: string;
  path: string;
  contentType: string;
  body: string;
  /** the parsed body when it was JSON */
  json?: TouchpointBatch;
  /** the status it was answered with */
  status: number;
}

/** A running capture collector. */
export interface CaptureCollector {
  /** batch endpoint, e.g. `http://127.0.0.1:40124/v1/touchpoints` */
  endpoint: string;
  /** every request, in arrival order (OPTIONS preflights included, so tests can assert there were none) */
  requests: Captured[];
  /** every event of every POST answered 2xx, in arrival order (duplicates kept) */
  events(): TouchpointEvent[];
  /** status for the next requests (default 200) */
  status: number;
  /** ms to wait before answering (default 0) */
  delay: number;
  /** resolves when `predicate` holds, polling every 25 ms; rejects after `timeout` ms with what was received */
  waitFor(predicate: (c: CaptureCollector) => boolean, timeout?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a capture collector on 127.0.0.1 (random port).
 * @example
 * const col = await captureCollector();
 * col.status = 503; // refuse everything for now
 * await col.waitFor((c) => c.events().length >= 3);
 */
export async function captureCollector(): Promise<CaptureCollector> {
  const col = {
    requests: [] as Captured[],
    status: 200,
    delay: 0,
    events: () => col.requests.filter((r) => r.method == 'POST' && r.status < 300 && r.json).flatMap((r) => r.json!.events || []),
    async waitFor(predicate: (c: CaptureCollector) => boolean, timeout = 10_000) {
      const end = Date.now() + timeout;
      while (!predicate(col as CaptureCollector)) {
        if (Date.now() > end) throw new Error(`capture collector: condition not met in ${timeout} ms; received ${JSON.stringify(col.requests.map((r) => [r.method, r.status, r.json?.events?.map((e) => e.name)]))}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  } as CaptureCollector;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const status = col.status;
      const body = Buffer.concat(chunks).toString('utf8');
      let json: TouchpointBatch | undefined;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        // not JSON: kept as text
      }
      col.requests.push({ method: req.method || '', path: req.url || '', contentType: String(req.headers['content-type'] || ''), body, json, status });
      if (col.delay) await new Promise((r) => setTimeout(r, col.delay));
      const n = json?.events?.length ?? 0;
      res.writeHead(req.method == 'OPTIONS' ? 204 : status, {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': '*',
        'content-type': 'application/json',
      });
      res.end(req.method == 'OPTIONS' ? undefined : JSON.stringify({ accepted: status < 300 ? n : 0, duplicates: 0, rejected: [] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  col.endpoint = `http://127.0.0.1:${port}/v1/touchpoints`;
  col.close = () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); });
  return col;
}
