// The e-mail routes end to end through the handler, on SQLite and on PostgreSQL (the `email_links` table).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminRoutes } from '../admin/index.js';
import { createHandler, type Handler } from '../handler.js';
import { silentLogger } from '../log.js';
import { connectAdmin, PG_TEST_URL } from '../store/pg.fixture.js';
import { openPostgresStore } from '../store/postgres.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store, StoredEvent } from '../store/types.js';
import { createEmailLinks, MAX_STORED_PER_LINK, type EmailLinks } from './email-links.js';
import { signEmailLink } from './token.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read loosely in tests */

const KEYS = { keys: [{ id: 'k1', secret: 'secret-one-secret-one-secret-one-1' }], signWith: 'k1' };
const SITES = [
  { id: 'shop', origins: ['https://shop.example', 'https://*.shop.example'] },
  { id: 'other', origins: ['https://other.example'] },
  { id: 'anything', origins: ['*'] },
];
const ADMIN = 'test-admin-token-0123456789';
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const T0 = Date.UTC(2026, 11, 4, 9);

const schema = `tp_email_${process.pid}_${Date.now().toString(36)}`;
const stores: Array<[string, () => Promise<Store>]> = [
  ['SQLite', async () => openSqliteStore(':memory:')],
  ['PostgreSQL', async () => openPostgresStore(PG_TEST_URL, { schema, poolSize: 2 })],
];

afterAll(async () => {
  const admin = await connectAdmin();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
  await admin.end();
});

describe.each(stores)('e-mail links on %s', (_name, open) => {
  let store: Store;
  let links: EmailLinks;
  let handler: Handler;
  let clock = T0;
  // What reached the sink, linkTo included (the store writes the identity link from it).
  const written: StoredEvent[] = [];

  beforeAll(async () => {
    store = await open();
    const sink = { write: async (rows: StoredEvent[]) => (written.push(...rows), store.write(rows)), ready: () => store.ready(), close: async () => {} };
    links = createEmailLinks({ store, sink, sites: SITES, keys: KEYS, baseUrl: 'https://collect.shop.example/', now: () => clock });
    handler = createHandler({ sink, sites: SITES, log: silentLogger, rateLimit: false, emailLinks: links, now: () => clock,
      routes: [links.route, createAdminRoutes({ store, token: ADMIN, emailLinks: links, now: () => clock })] });
  });
  afterAll(() => store?.close());

  const get = (url: string, init: RequestInit = {}, ip = '203.0.113.7') => handler(new Request(url.replace('https://collect.shop.example', 'http://collector.test'), { redirect: 'manual', ...init, headers: { 'user-agent': CHROME, ...(init.headers as object) } }), { clientIp: ip });
  const eventsOf = (name: string) => store.query<any>('SELECT name, user_id, anonymous_id, channel, utm_source, utm_medium, utm_campaign, is_bot, data FROM events WHERE site = ? AND name = ? ORDER BY received_at, id', ['shop', name]);
  const mint = async (body: Record<string, unknown>, token = ADMIN) => {
    const res = await handler(new Request('http://collector.test/api/email-links', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }));
    return { status: res.status, body: (await res.json()) as any };
  };

  it('the admin API mints a pair of links naming an opaque reference; the row maps it to the user id; the audit log has the reference, not the user', async () => {
    const { status, body } = await mint({ site: 'shop', campaign: 'spring-sale', user: 'user-42', to: 'https://shop.example/sale?size=m', expiresInDays: 30 });
    expect(status).toBe(201);
    expect(body).toMatchObject({ site: 'shop', campaign: 'spring-sale', expiresAt: T0 + 30 * 86_400_000 });
    expect(body.openUrl).toMatch(/^https:\/\/collect\.shop\.example\/email\/open\/[\w-]+\.[\w-]+$/);
    expect(body.clickUrl).toMatch(/^https:\/\/collect\.shop\.example\/email\/click\/[\w-]+\.[\w-]+$/);
    expect(`${body.openUrl}${body.clickUrl}`).not.toContain('user-42');
    expect(await store.query('SELECT site, ref, user_id, campaign, destination, created_at, expires_at FROM email_links WHERE ref = ?', [body.ref])).toEqual([
      { site: 'shop', ref: body.ref, user_id: 'user-42', campaign: 'spring-sale', destination: 'https://shop.example/sale?size=m', created_at: T0, expires_at: T0 + 30 * 86_400_000 },
    ]);
    const audit = await store.query<any>("SELECT action, site, detail FROM audit_log WHERE action = 'email-link.mint'");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'email-link.mint', site: 'shop' });
    expect(JSON.parse(audit[0].detail)).toEqual({ ref: body.ref, campaign: 'spring-sale', expiresAt: T0 + 30 * 86_400_000 });
    expect(audit[0].detail).not.toContain('user-42');
  });

  it('minting refuses destinations off the site (no open redirect), a site allowing every origin, and non-admins', async () => {
    for (const to of ['https://evil.example/', 'https://shop.example.evil/', 'javascript:alert(1)', 'https://user:pw@shop.example/', 'not a url', 'https://other.example/']) {
      const r = await mint({ site: 'shop', campaign: 'c', user: 'u', to });
      expect(r.status, to).toBe(400);
      expect(r.body.error, to).toMatch(/^destination: /);
    }
    expect((await mint({ site: 'shop', campaign: 'c', user: 'u', to: 'https://www.shop.example/ok' })).status).toBe(201);
    expect((await mint({ site: 'anything', campaign: 'c', user: 'u', to: 'https://shop.example/' })).body.error).toMatch(/allows every origin/);
    expect((await mint({ site: 'shop', campaign: 'c', user: 'u', to: 'https://shop.example/', expiresInDays: 400 })).body.error).toMatch(/at most 366 days/);
    expect((await mint({ site: 'shop', campaign: 'c', to: 'https://shop.example/' })).body.error).toBe('user: required');
    expect((await mint({ site: 'shop', campaign: 'c', user: 'u', to: 'https://shop.example/' }, 'wrong-token-wrong-token-000')).status).toBe(401);
  });

  it('a click is stored as an e-mail touchpoint of the recipient and goes on to the destination with its UTM parameters and tp_link', async () => {
    const { body } = await mint({ site: 'shop', campaign: 'newsletter-12', user: 'user-7', to: 'https://shop.example/p/1?utm_content=hero' });
    clock = T0 + 3_600_000;
    const res = await get(body.clickUrl);
    expect(res.status).toBe(302);
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin + to.pathname).toBe('https://shop.example/p/1');
    expect(Object.fromEntries(to.searchParams)).toEqual({ utm_content: 'hero', utm_source: 'email', utm_medium: 'email', utm_campaign: 'newsletter-12', tp_link: body.clickUrl.split('/').pop() });
    const rows = (await eventsOf('email_click')).filter((r) => JSON.parse(r.data).properties.ref === body.ref);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: 'user-7', anonymous_id: null, channel: 'email', utm_source: 'email', utm_medium: 'email', utm_campaign: 'newsletter-12', is_bot: 0 });
  });

  it('an open returns a 1×1 GIF that is never cached and stores email_open', async () => {
    const { body } = await mint({ site: 'shop', campaign: 'newsletter-13', user: 'user-8', to: 'https://shop.example/' });
    clock += 60_000;
    const res = await get(body.openUrl, { headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/gif');
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    const gif = Buffer.from(await res.arrayBuffer());
    expect(gif.subarray(0, 6).toString()).toBe('GIF89a');
    expect([gif.readUInt16LE(6), gif.readUInt16LE(8)]).toEqual([1, 1]);
    const rows = (await eventsOf('email_open')).filter((r) => JSON.parse(r.data).properties.ref === body.ref);
    expect(rows).toMatchObject([{ user_id: 'user-8', channel: 'email', utm_campaign: 'newsletter-13', is_bot: 0 }]);
  });

  it('machine traffic is stored with is_bot = 1 and the rule: Apple MPP opens, scanner and HEAD clicks, clicks seconds after the send or the open', async () => {
    const { body } = await mint({ site: 'shop', campaign: 'machines', user: 'user-9', to: 'https://shop.example/' });
    clock += 2_000;
    expect((await get(body.clickUrl, { headers: { 'user-agent': CHROME } }, '52.1.2.3')).status).toBe(302); // 2 s after the send
    clock += 60_000;
    expect((await get(body.openUrl, { headers: { 'user-agent': 'Mozilla/5.0' } }, '17.58.0.9')).status).toBe(200);
    expect((await get(body.clickUrl, { method: 'HEAD' })).status).toBe(302);
    expect((await get(body.clickUrl, { headers: { 'user-agent': 'Mozilla/5.0 (compatible; Barracuda Sentinel)' } })).status).toBe(302);
    // a plain browser click a second after the pixel was fetched: a scanner loading images and links together
    clock += 1_000;
    expect((await get(body.clickUrl)).status).toBe(302);
    clock += 60_000; // a minute later: the recipient
    expect((await get(body.clickUrl)).status).toBe(302);
    const rows = [...(await eventsOf('email_open')), ...(await eventsOf('email_click'))].filter((r) => JSON.parse(r.data).properties.ref === body.ref);
    expect(rows.map((r) => [r.name, r.is_bot, JSON.parse(r.data).properties.machine]).sort()).toEqual([
      ['email_click', 0, undefined], ['email_click', 1, 'head_request'], ['email_click', 1, 'link_scanner'], ['email_click', 1, 'right_after_open'], ['email_click', 1, 'too_soon'], ['email_open', 1, 'apple_mpp'],
    ]);
  });

  it('tampered, unknown-key, foreign-site, wrong-kind, expired and erased links: a plain 400/410, nothing stored, never a redirect', async () => {
    const { body } = await mint({ site: 'shop', campaign: 'refusals', user: 'user-10', to: 'https://shop.example/', expiresInDays: 1 });
    const click = body.clickUrl.split('/').pop() as string;
    const [payload] = click.split('.');
    const fields = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const reencoded = (i: number, v: unknown) => { const f = [...fields]; f[i] = v; return `${Buffer.from(JSON.stringify(f)).toString('base64url')}.${click.split('.')[1]}`; };
    const before = written.length;
    const refused: Array<[string, string, number]> = [
      ['tampered destination', `/email/click/${reencoded(7, 'https://evil.example/')}`, 400],
      ['tampered ref', `/email/click/${reencoded(3, 'someone-else')}`, 400],
      ['unknown key', `/email/click/${signEmailLink({ keys: [{ id: 'k9', secret: 'x'.repeat(32) }], signWith: 'k9' }, { site: 'shop', ref: fields[3], campaign: 'refusals', kind: 'click', expiresAt: T0 + 86_400_000 * 400, destination: 'https://shop.example/' })}`, 400],
      // signed with this collector's key for a site it does not serve
      ['foreign site', `/email/click/${signEmailLink(KEYS, { site: 'elsewhere', ref: fields[3], campaign: 'x', kind: 'click', expiresAt: T0 + 86_400_000 * 400, destination: 'https://shop.example/' })}`, 400],
      // validly signed, but its destination is not the site's (minted before an origin was removed, or by a leaked key)
      ['off-site destination', `/email/click/${signEmailLink(KEYS, { site: 'shop', ref: fields[3], campaign: 'x', kind: 'click', expiresAt: T0 + 86_400_000 * 400, destination: 'https://evil.example/' })}`, 400],
      ['open token on the click path', `/email/click/${body.openUrl.split('/').pop()}`, 400],
      ['unknown ref', `/email/click/${signEmailLink(KEYS, { site: 'shop', ref: 'never-minted', campaign: 'x', kind: 'click', expiresAt: T0 + 86_400_000 * 400, destination: 'https://shop.example/' })}`, 410],
      ['garbage', '/email/click/abc.def', 400],
    ];
    for (const [what, path, status] of refused) {
      const res = await get(`http://collector.test${path}`);
      expect(res.status, what).toBe(status);
      expect(res.headers.get('location'), what).toBeNull();
      expect(res.headers.get('content-type'), what).toMatch(/^text\/plain/);
    }
    clock += 2 * 86_400_000; // past the link's day
    const expired = await get(body.clickUrl);
    expect([expired.status, expired.headers.get('location'), await expired.text()]).toEqual([410, null, 'This link has expired.\n']);
    expect(written.length).toBe(before);
    // erasure deletes the rows by user id: the link then names no one
    const fresh = await mint({ site: 'shop', campaign: 'erased', user: 'user-11', to: 'https://shop.example/' });
    await store.query('DELETE FROM email_links WHERE site = ? AND user_id = ?', ['shop', 'user-11']);
    clock += 60_000;
    expect((await get(fresh.body.clickUrl)).status).toBe(410);
    expect((await get(fresh.body.openUrl)).status).toBe(410);
    expect(written.length).toBe(before);
    expect((await get(fresh.body.clickUrl, { method: 'POST' })).status).toBe(405);
  });

  it('a link replayed in a loop is answered every time but stored at most MAX_STORED_PER_LINK times in ten minutes', async () => {
    const { body } = await mint({ site: 'shop', campaign: 'replayed', user: 'user-14', to: 'https://shop.example/' });
    clock += 3_600_000;
    for (let i = 0; i < MAX_STORED_PER_LINK + 5; i++) expect((await get(body.clickUrl)).status).toBe(302);
    const count = async () => (await eventsOf('email_click')).filter((r) => JSON.parse(r.data).properties.ref === body.ref).length;
    expect(await count()).toBe(MAX_STORED_PER_LINK);
    clock += 600_000;
    expect((await get(body.clickUrl)).status).toBe(302);
    expect(await count()).toBe(MAX_STORED_PER_LINK + 1);
  });

  it("a landing's touchpoint with the verified click token carries linkTo { via: 'email', userId }; the token is not stored; a bad or foreign one links nothing", async () => {
    const { body } = await mint({ site: 'shop', campaign: 'landing', user: 'user-12', to: 'https://shop.example/' });
    const token = body.clickUrl.split('/').pop() as string;
    const other = await mint({ site: 'other', campaign: 'landing', user: 'user-13', to: 'https://other.example/' });
    const ev = (id: string, link?: string) => ({ id, name: 'page_view', ts: clock, anonymousId: 'anon-landing-1', ...(link ? { link } : {}) });
    const res = await handler(new Request('http://collector.test/v1/touchpoints', { method: 'POST', body: JSON.stringify({ site: 'shop', sentAt: clock, events: [
      ev('0190e7a0-0000-7000-8000-000000000001', token),
      ev('0190e7a0-0000-7000-8000-000000000002'),
      ev('0190e7a0-0000-7000-8000-000000000003', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`),
      ev('0190e7a0-0000-7000-8000-000000000004', other.body.clickUrl.split('/').pop()),
      ev('0190e7a0-0000-7000-8000-000000000005', body.openUrl.split('/').pop()),
    ] }) }));
    expect(await res.json()).toMatchObject({ accepted: 5, rejected: [] });
    const sent = written.filter((r) => r.anonymousId === 'anon-landing-1');
    expect(sent.map((r) => [r.id.slice(-1), r.linkTo ?? null])).toEqual([['1', { via: 'email', userId: 'user-12' }], ['2', null], ['3', null], ['4', null], ['5', null]]);
    const stored = await store.query<any>('SELECT data FROM events WHERE site = ? AND anonymous_id = ?', ['shop', 'anon-landing-1']);
    expect(stored).toHaveLength(5);
    for (const r of stored) expect(JSON.parse(r.data)).not.toHaveProperty('link');
  });
});
