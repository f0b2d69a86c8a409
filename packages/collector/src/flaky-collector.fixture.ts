// The collector in the test process, on a real HTTP port, that a test can make fail its next ingestion
// requests the two ways a tracking client meets in production: a 500 from the server, and the
// collector's own 503 + Retry-After while its store is away (the store write really fails, so the
// answer is the handler's own). Every request is logged with its headers, so a test can check that the
// client's retries — with their extra headers and fresh preflights — came through.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { TouchpointEvent } from '@touchpoint/schema';
import { toNodeListener } from './adapters/node.js';
import { corsHeaders } from './cors.js';
import { createHandler, isIngestionPath } from './handler.js';
import { silentLogger } from './log.js';
import type { SiteConfig } from './sites.js';
import { eventFromRow } from './store/columns.js';
import { openSqliteStore } from './store/sqlite.js';
import type { Store, StoredEvent } from './store/types.js';

/** What the next ingestion POST meets: a 500 from the server, or a store write that fails (→ 503). */
export type Fault = 500 | 503;

/** One request the collector saw, and its answer. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  status: number;
}

/** A stored touchpoint with its `data` parsed. */
export type StoredTouchpoint = Omit<StoredEvent, 'data'> & { data: TouchpointEvent & Record<string, unknown> };

/** A running flaky collector. */
export interface FlakyCollector {
  url: string;
  port: number;
  /** faults still to come, one per ingestion POST, in order; push more at any time */
  faults: Fault[];
  /** every request, with its answer's status */
  seen: SeenRequest[];
  /** the stored touchpoints, in (ts, id) order */
  stored(): Promise<StoredTouchpoint[]>;
  /** the store behind it, for queries of a test's own */
  store: Store;
  close(): Promise<void>;
}

/**
 * Starts a collector for `sites` on a random loopback port with an in-memory SQLite store.
 * @example
 * const c = await flakyCollector({ sites: [{ id: 'shop', origins: [site.url], writeKey: 'wk' }], faults: [500, 503] });
 */
export async function flakyCollector(opts: { sites: SiteConfig[]; faults?: Fault[] }): Promise<FlakyCollector> {
  const store = openSqliteStore(':memory:');
  let failNextWrite = false;
  const sink = {
    write(rows: StoredEvent[]) {
      if (!failNextWrite) return store.write(rows);
      failNextWrite = false;
      return Promise.reject(new Error('store away (test fault)'));
    },
    ready: () => store.ready(),
    close: () => store.close(),
  };
  const handler = createHandler({ sink, sites: opts.sites, log: silentLogger, rateLimit: false });
  const listener = toNodeListener(handler);
  const state: FlakyCollector = {
    url: '',
    port: 0,
    faults: [...(opts.faults ?? [])],
    seen: [],
    store,
    stored: async () =>
      (await store.query<Record<string, unknown>>('SELECT * FROM events ORDER BY ts, id')).map((row) => {
        const e = eventFromRow(row);
        return { ...e, data: JSON.parse(e.data) };
      }),
    close: async () => {},
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    res.on('finish', () => state.seen.push({ method: req.method ?? '', path, headers: req.headers, status: res.statusCode }));
    const fault = req.method === 'POST' && isIngestionPath(path) ? state.faults.shift() : undefined;
    if (fault === 500) {
      // As the handler answers an internal error: readable by the page, nothing stored.
      req.resume();
      res.writeHead(500, { 'content-type': 'application/json', ...corsHeaders(req.headers.origin ?? null) }).end('{"error":"internal error"}');
      return;
    }
    if (fault === 503) failNextWrite = true;
    listener(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.port = (server.address() as { port: number }).port;
  state.url = `http://127.0.0.1:${state.port}`;
  state.close = async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await handler.drain();
    await store.close();
  };
  return state;
}

