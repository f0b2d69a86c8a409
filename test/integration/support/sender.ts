// Sends batches the way the SDK does: keep the batch until a 2xx, retry 5xx and network errors with
// capped exponential backoff and jitter, honouring Retry-After — compressed in time (capped at
// `maxDelayMs`) so a fault test takes seconds, not minutes.

/** One POST of a batch body; resolves with the status and Retry-After, rejects on a network error. */
export type Post = (body: string) => Promise<{ status: number; retryAfter: string | null }>;

/** What happened to one batch. */
export interface Delivery {
  /** the status of the final answer (2xx unless attempts ran out) */
  status: number;
  attempts: number;
  /** statuses of the failed attempts, and whether each 503 carried Retry-After */
  failures: Array<{ status: number | 'network'; retryAfter: boolean }>;
}

/**
 * Posts `body` until it is acknowledged (2xx), like the SDK's retry loop.
 *
 * @example
 * const d = await deliver(post, body); // d.status === 200 once stored
 */
export async function deliver(post: Post, body: string, options: { maxAttempts?: number; baseMs?: number; maxDelayMs?: number } = {}): Promise<Delivery> {
  const maxAttempts = options.maxAttempts ?? 200;
  const base = options.baseMs ?? 50;
  const cap = options.maxDelayMs ?? 400;
  const failures: Delivery['failures'] = [];
  for (let attempt = 1; ; attempt++) {
    let status: number | 'network';
    let retryAfter: string | null = null;
    try {
      ({ status, retryAfter } = await post(body));
    } catch {
      status = 'network';
    }
    if (typeof status === 'number' && status < 300) return { status, attempts: attempt, failures };
    if (typeof status === 'number' && status < 500 && status !== 429) return { status, attempts: attempt, failures };
    failures.push({ status, retryAfter: retryAfter !== null });
    if (attempt >= maxAttempts) return { status: typeof status === 'number' ? status : 0, attempts: attempt, failures };
    const hinted = retryAfter ? Number(retryAfter) * 1000 : 0;
    const backoff = Math.min(cap, Math.max(hinted, base * 2 ** Math.min(attempt, 8)));
    await new Promise((r) => setTimeout(r, backoff * (0.5 + Math.random() / 2)));
  }
}

/** A {@link Post} to a collector over HTTP. */
export function httpPost(baseUrl: string, path = '/v1/touchpoints'): Post {
  return async (body) => {
    const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://shop.test' }, body });
    await res.arrayBuffer();
    return { status: res.status, retryAfter: res.headers.get('retry-after') };
  };
}

/** A {@link Post} straight into a Web-standard handler (no sockets). */
export function handlerPost(handler: (r: Request) => Promise<Response>, path = '/v1/touchpoints'): Post {
  return async (body) => {
    const res = await handler(new Request(`http://collector.test${path}`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://shop.test' }, body }));
    await res.arrayBuffer();
    return { status: res.status, retryAfter: res.headers.get('retry-after') };
  };
}
