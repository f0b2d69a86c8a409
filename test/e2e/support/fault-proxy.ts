// An HTTP proxy in front of the real collector that a test can make fail: answer 500 or 429 (with
// Retry-After), or answer slowly. CORS headers are set on the faults so the browser sees the status
// (and Retry-After) instead of an opaque network error.
import { createServer, type IncomingMessage } from 'node:http';

/** A fault the proxy answers POSTs with instead of forwarding them. */
export interface Fault {
  status: number;
  /** seconds, sent as Retry-After */
  retryAfter?: number;
}

/** A running proxy: change `fault`/`delay` at any time; `log` lists every POST it saw. */
export interface FaultProxy {
  url: string;
  fault: Fault | undefined;
  /** ms to wait before forwarding */
  delay: number;
  log: Array<{ at: number; status: number }>;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'accept-encoding', 'content-encoding']);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Starts a proxy to `target` (e.g. the collector's URL) on a random loopback port.
 * @example
 * const proxy = await faultProxy(collector.url);
 * proxy.fault = { status: 429, retryAfter: 1 };
 */
export async function faultProxy(target: string): Promise<FaultProxy> {
  const state: FaultProxy = { url: '', fault: undefined, delay: 0, log: [], close: async () => {} };
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const origin = req.headers.origin;
    const fault = state.fault;
    if (fault && req.method === 'POST') {
      state.log.push({ at: Date.now(), status: fault.status });
      res.writeHead(fault.status, {
        'access-control-allow-origin': origin ?? '*',
        'access-control-expose-headers': 'Retry-After',
        ...(fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {}),
      }).end();
      return;
    }
    if (state.delay) await new Promise((r) => setTimeout(r, state.delay));
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) && typeof v === 'string') headers[k] = v;
    try {
      const r = await fetch(target + req.url, { method: req.method, headers, body: req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(body) });
      if (req.method === 'POST') state.log.push({ at: Date.now(), status: r.status });
      const out: Record<string, string> = {};
      r.headers.forEach((v, k) => { if (!HOP_BY_HOP.has(k)) out[k] = v; });
      res.writeHead(r.status, out).end(Buffer.from(await r.arrayBuffer()));
    } catch {
      res.destroy(); // the collector is down: the browser sees a network error, as without a proxy
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  state.close = () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); });
  return state;
}
