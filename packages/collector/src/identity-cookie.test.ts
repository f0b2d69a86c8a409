import { describe, expect, it } from 'vitest';
import { createHandler } from './handler.js';
import { identityCookie, IDENTITY_COOKIE_MAX_AGE } from './identity-cookie.js';
import { silentLogger } from './log.js';
import type { StoredEvent } from './store/types.js';

const SITES = [{ id: 'shop', origins: ['https://www.shop.example'] }];
const NOW = Date.UTC(2026, 11, 4, 9);

function collector(options: Parameters<typeof identityCookie>[0] | undefined) {
  const written: StoredEvent[] = [];
  const sink = { write: async (rows: StoredEvent[]) => (written.push(...rows), { inserted: rows.length, duplicates: 0 }), ready: async () => true, close: async () => {} };
  const handler = createHandler({ sink, sites: SITES, log: silentLogger, rateLimit: false, now: () => NOW, ...(options ? { identityCookie: options } : {}) });
  let n = 0;
  const send = (anonymousIds: Array<string | undefined>, cookie?: string) => handler(new Request('https://collect.shop.example/v1/touchpoints', {
    method: 'POST',
    headers: { origin: 'https://www.shop.example', 'content-type': 'text/plain', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ site: 'shop', sentAt: NOW, events: anonymousIds.map((a) => ({ id: `0190e7a0-0000-7000-8000-${String(++n).padStart(12, '0')}`, name: 'page_view', ts: NOW, ...(a ? { anonymousId: a } : { userId: 'server-side' }) })) }),
  }));
  return { written, send };
}

describe('the first-party identity cookie', () => {
  it("sets tp_aid to the browser's first anonymous id: HttpOnly, Secure, SameSite=Lax, 400 days; readable by the page with credentials", async () => {
    const { send, written } = collector({});
    const res = await send(['anon-first']);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBe(`tp_aid=anon-first; Max-Age=${IDENTITY_COOKIE_MAX_AGE}; Path=/; HttpOnly; Secure; SameSite=Lax`);
    expect(IDENTITY_COOKIE_MAX_AGE).toBe(34_560_000);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://www.shop.example');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(written[0]!.linkTo).toBeUndefined();
  });

  it("a request with another anonymous id and the cookie links it to the cookie's id; the cookie keeps the first", async () => {
    const { send, written } = collector({ domain: 'shop.example', name: 'tp_first' });
    const res = await send(['anon-new', 'anon-first', undefined], 'other=1; tp_first=anon-first');
    expect(res.headers.get('set-cookie')).toBe(`tp_first=anon-first; Max-Age=${IDENTITY_COOKIE_MAX_AGE}; Path=/; Domain=shop.example; HttpOnly; Secure; SameSite=Lax`);
    expect(written.map((r) => [r.anonymousId, r.linkTo ?? null])).toEqual([['anon-new', { via: 'cookie', anonymousId: 'anon-first' }], ['anon-first', null], [null, null]]);
  });

  it('is off unless configured; a cookie value that is no anonymous id is ignored', async () => {
    const off = collector(undefined);
    const res = await off.send(['anon-new'], 'tp_aid=anon-first');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(off.written[0]!.linkTo).toBeUndefined();
    const on = collector({});
    const odd = await on.send(['anon-new'], 'tp_aid="<script>"');
    expect(on.written[0]!.linkTo).toBeUndefined();
    expect(odd.headers.get('set-cookie')).toMatch(/^tp_aid=anon-new;/);
  });

  it('refuses a bad cookie name or domain at start-up', () => {
    expect(() => identityCookie({ name: 'a b' })).toThrow(/not a cookie name/);
    expect(() => identityCookie({ domain: 'shop.example; Secure' })).toThrow(/not a domain/);
  });
});
