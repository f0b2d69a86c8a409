// Shared by the collector's tests (never imported by the package itself).
import { randomBytes } from 'node:crypto';
import { silentLogger } from './log.js';
import { createHandler, type HandlerOptions } from './handler.js';
import { openSqliteStore } from './store/sqlite.js';
import type { SiteConfig } from './sites.js';

let counter = 0;
/** A UUIDv7-shaped id: time-ordered prefix, random tail, unique per call. */
export function uuid7(now = Date.now()): string {
  const hex = now.toString(16).padStart(12, '0') + (counter++ & 0xfff).toString(16).padStart(3, '0') + randomBytes(8).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(12, 15)}-${((parseInt(hex[15]!, 16) & 3) | 8).toString(16)}${hex.slice(16, 19)}-${hex.slice(19, 31)}`;
}

/** One valid page_view event. */
export function pageView(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: uuid7(), name: 'page_view', ts: Date.now(), anonymousId: 'anon-1', sessionId: 'sess-1', page: { url: 'https://shop.test/', path: '/', title: 'Home' }, ...over };
}

export const SHOP: SiteConfig = { id: 'shop', origins: ['https://shop.test'] };
export const KEYED: SiteConfig = { id: 'keyed', origins: ['https://keyed.test'], writeKey: 'wk_test_123' };

/** A handler over a fresh in-memory SQLite store, quiet, rate limit off unless given. */
export function testHandler(over: Partial<HandlerOptions> = {}) {
  const store = openSqliteStore(':memory:');
  const handler = createHandler({ sink: store, sites: [SHOP, KEYED], log: silentLogger, rateLimit: false, ...over });
  return { store, handler };
}

/** POST a JSON body to the collector. */
export function post(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`http://collector.test${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://shop.test', ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body),
  });
}

export async function count(store: { query<T>(sql: string, p?: unknown[]): Promise<T[]> }, where = '1=1', params: unknown[] = []): Promise<number> {
  const rows = await store.query<{ n: number }>(`SELECT COUNT(*) AS n FROM events WHERE ${where}`, params);
  return rows[0]!.n;
}

/** A response body as JSON, typed loosely for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const json = (res: Response): Promise<any> => res.json();
