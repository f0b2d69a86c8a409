// The merge rules of docs/identity.md, written by the stores in the events' transaction: the same suite
// on SQLite (writer thread and inline) and PostgreSQL. Each test works on a site of its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyReport } from '../../packages/collector/src/reports';
import { describePeopleReports } from '../../packages/collector/src/reports/people-dataset.fixture';
import { MIGRATIONS } from '../../packages/collector/src/store/migrations';
import { openPostgresStore } from '../../packages/collector/src/store/postgres';
import { openSqliteStore } from '../../packages/collector/src/store/sqlite';
import type { Store, StoredEvent } from '../../packages/collector/src/store/types';
import { storedEvent } from './support/events';
import { dropSchema, type AdminClient, PG_URL, requirePostgres, uniqueSchema } from './support/pg';

const schema = uniqueSchema('identity');
const oldSchema = uniqueSchema('identity_old');
const stepsSchema = uniqueSchema('identity_old16');
const dir = mkdtempSync(join(tmpdir(), 'tp-identity-'));
let admin: AdminClient;
let files = 0;

beforeAll(async () => {
  admin = await requirePostgres();
});
afterAll(async () => {
  await dropSchema(admin, schema);
  await dropSchema(admin, oldSchema);
  await dropSchema(admin, stepsSchema);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
});

type Open = (migrations?: typeof MIGRATIONS) => Promise<Store>;
const STORES: Array<[string, Open]> = [
  ['SQLite (writer thread)', async (migrations) => openSqliteStore(join(dir, `thread-${++files}.db`), { migrations })],
  ['SQLite (inline)', async (migrations) => openSqliteStore(join(dir, `inline-${++files}.db`), { writer: 'inline', migrations })],
  ['PostgreSQL', (migrations) => openPostgresStore(PG_URL, { schema, poolSize: 4, migrations })],
];

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5);

describe.each(STORES)('identity on %s', (label, open) => {
  let store: Store;
  let n = 0;
  const site = (name: string) => `${label.replace(/\W/g, '')}-${name}-${process.pid}`;
  const ev = (over: Partial<StoredEvent>) => storedEvent({ id: `e${++n}`, ts: T0 + n * 1000, ...over });
  const links = (s: string) => store.query<{ anonymous_id: string; person_key: string; via: string }>(
    'SELECT anonymous_id, person_key, via FROM identity_links WHERE site = ? ORDER BY anonymous_id', [s]);
  const conflicts = (s: string) => store.query<{ anonymous_id: string; person_key: string; other_key: string }>(
    'SELECT anonymous_id, person_key, other_key FROM identity_conflicts WHERE site = ? ORDER BY at', [s]);
  const visitors = async (s: string) => (await store.query<{ visitor: string; n: number }>(
    'SELECT visitor, SUM(n0 + n1 + n2) AS n FROM journey_days WHERE site = ? GROUP BY visitor ORDER BY visitor', [s])).map((r) => [r.visitor, Number(r.n)]);
  beforeAll(async () => {
    store = await open();
  });
  afterAll(() => store.close());

  it('identify: links the browser to u:<user>, re-keys its earlier rollup rows, and a second device joins the same person', async () => {
    const s = site('identify');
    await store.write([ev({ site: s, anonymousId: 'phone', channel: 'paid_search' }), ev({ site: s, anonymousId: 'phone' })]);
    expect(await visitors(s)).toEqual([['phone', 2]]);
    await store.write([ev({ site: s, anonymousId: 'phone', userId: 'ana' })]);
    expect(await links(s)).toEqual([{ anonymous_id: 'phone', person_key: 'u:ana', via: 'identify' }]);
    expect(await visitors(s)).toEqual([['u:ana', 3]]);
    // Later anonymous touchpoints of the browser (no user id) go to the person too.
    await store.write([ev({ site: s, anonymousId: 'phone' }), ev({ site: s, anonymousId: 'laptop', p5: 'prime' })]);
    await store.write([ev({ site: s, anonymousId: 'laptop', userId: 'ana', name: 'purchase', p5: 'prime', phase: 'during' })]);
    expect((await links(s)).map((l) => [l.anonymous_id, l.person_key])).toEqual([['laptop', 'u:ana'], ['phone', 'u:ana']]);
    expect(await visitors(s)).toEqual([['u:ana', 6]]);
    const report = await journeyReport(store, { site: s });
    expect([report.visitors, report.people, report.identifiedPeople]).toEqual([1, 1, 1]);
    // The person's first touch is the phone's paid search click.
    expect(report.byChannel.map((c) => [c.channel, c.visitors])).toEqual([['paid_search', 1]]);
  });

  it('a touchpoint with the user id alone (server side) needs no link and goes to u:<user>', async () => {
    const s = site('server');
    expect(await store.write([ev({ site: s, anonymousId: null, sessionId: null, userId: 'bo', name: 'invoice_sent', phase: 'after', p5: 'post' })]))
      .toEqual({ inserted: 1, duplicates: 0 });
    expect(await links(s)).toEqual([]);
    expect(await visitors(s)).toEqual([['u:bo', 1]]);
  });

  it('rule 2: a browser identified as a second user keeps the first, writes one conflict, and a re-sent copy writes none', async () => {
    const s = site('conflict');
    await store.write([ev({ site: s, anonymousId: 'shared', userId: 'x' })]);
    const second = ev({ site: s, anonymousId: 'shared', userId: 'y' });
    expect(await store.write([second])).toEqual({ inserted: 1, duplicates: 0, identityConflicts: 1 });
    expect(await store.write([second])).toEqual({ inserted: 0, duplicates: 1 });
    expect(await links(s)).toEqual([{ anonymous_id: 'shared', person_key: 'u:x', via: 'identify' }]);
    expect(await conflicts(s)).toEqual([{ anonymous_id: 'shared', person_key: 'u:x', other_key: 'u:y' }]);
    // Two claims in one write: the first wins there too.
    const both = await store.write([ev({ site: s, anonymousId: 'kiosk', userId: 'p' }), ev({ site: s, anonymousId: 'kiosk', userId: 'q' })]);
    expect(both.identityConflicts).toBe(1);
    expect((await links(s)).find((l) => l.anonymous_id === 'kiosk')?.person_key).toBe('u:p');
  });

  it('a de-duplicated event never links: a re-sent identify after its link was re-pointed adds nothing', async () => {
    const s = site('dedupe');
    const identify = ev({ site: s, anonymousId: 'b1', userId: 'old' });
    await store.write([identify]);
    // An alias merges old into new; the identify's copy arrives again afterwards.
    await store.write([ev({ site: s, anonymousId: null, name: 'alias', userId: 'new', data: '{"properties":{"previousId":"old"}}' })]);
    expect(await store.write([identify])).toEqual({ inserted: 0, duplicates: 1 });
    expect(await links(s)).toEqual([{ anonymous_id: 'b1', person_key: 'u:new', via: 'identify' }]);
    expect(await conflicts(s)).toEqual([]);
  });

  it('alias of an anonymous id links it to the user', async () => {
    const s = site('alias-anon');
    await store.write([ev({ site: s, anonymousId: 'anon-7' })]);
    await store.write([ev({ site: s, anonymousId: null, sessionId: null, name: 'alias', phase: null, p5: null, userId: 'cy', data: '{"properties":{"previousId":"anon-7"}}' })]);
    expect(await links(s)).toEqual([{ anonymous_id: 'anon-7', person_key: 'u:cy', via: 'alias' }]);
    expect(await visitors(s)).toEqual([['u:cy', 1]]);
  });

  it('alias of a user id that is a person merges it: user_merges row, its links re-pointed, its rollup re-keyed, later touchpoints follow', async () => {
    const s = site('alias-user');
    await store.write([ev({ site: s, anonymousId: 'tab', userId: 'guest-1' }), ev({ site: s, anonymousId: null, userId: 'guest-1', name: 'invoice_sent', phase: 'after', p5: 'post' })]);
    await store.write([ev({ site: s, anonymousId: 'desk', userId: 'dee' })]);
    expect(await visitors(s)).toEqual([['u:dee', 1], ['u:guest-1', 2]]);
    await store.write([ev({ site: s, anonymousId: null, sessionId: null, name: 'alias', phase: null, p5: null, userId: 'dee', data: '{"properties":{"previousId":"guest-1"}}' })]);
    expect(await store.query('SELECT user_id, person_key FROM user_merges WHERE site = ?', [s])).toEqual([{ user_id: 'guest-1', person_key: 'u:dee' }]);
    expect((await links(s)).map((l) => [l.anonymous_id, l.person_key])).toEqual([['desk', 'u:dee'], ['tab', 'u:dee']]);
    expect(await visitors(s)).toEqual([['u:dee', 3]]);
    await store.write([ev({ site: s, anonymousId: null, userId: 'guest-1', name: 'order_shipped', phase: 'after', p5: 'post' })]);
    expect(await visitors(s)).toEqual([['u:dee', 4]]);
    expect((await journeyReport(store, { site: s })).people).toBe(1);
  });

  it("abandonment's rollup is keyed and re-keyed by person as the journey's is: two browsers, one person who stopped once", async () => {
    const s = site('steps');
    const steps = async () => (await store.query<{ visitor: string; name: string }>(
      'SELECT visitor, name FROM journey_steps WHERE site = ? ORDER BY visitor, name', [s])).map((r) => `${r.visitor} ${r.name}`);
    await store.write([ev({ site: s, anonymousId: 'phone', sessionId: 'p1' }), ev({ site: s, anonymousId: 'phone', sessionId: 'p1', name: 'begin_checkout', phase: 'during', p5: 'pivotal' })]);
    await store.write([ev({ site: s, anonymousId: 'laptop', sessionId: 'l1' })]);
    expect(await steps()).toEqual(['laptop page_view', 'phone begin_checkout', 'phone page_view']);
    // Two browsers, two people: each stopped on their last step.
    expect((await journeyReport(store, { site: s })).abandonment.map((a) => [a.name, a.reached, a.abandoned])).toEqual([['begin_checkout', 1, 1], ['page_view', 2, 1]]);
    await store.write([ev({ site: s, anonymousId: 'phone', sessionId: 'p1', userId: 'eva', name: 'identify', phase: null, p5: null })]);
    await store.write([ev({ site: s, anonymousId: 'laptop', sessionId: 'l1', userId: 'eva', name: 'identify', phase: null, p5: null })]);
    expect(await steps()).toEqual(['u:eva begin_checkout', 'u:eva page_view']);
    // One person, whose last step was the laptop's page view.
    expect((await journeyReport(store, { site: s })).abandonment.map((a) => [a.name, a.reached, a.abandoned])).toEqual([['page_view', 1, 1]]);
    await store.write([ev({ site: s, anonymousId: 'laptop', sessionId: 'l1', name: 'purchase', phase: 'during', p5: 'prime' })]);
    expect((await journeyReport(store, { site: s })).abandonment).toEqual([]);
  });

  it('linkTo: a verified cookie or e-mail claim links the browser to the other id\'s person, recording how', async () => {
    const s = site('link-to');
    await store.write([ev({ site: s, anonymousId: 'first', userId: 'eve' })]);
    await store.write([ev({ site: s, anonymousId: 'after-itp', linkTo: { via: 'cookie', anonymousId: 'first' } })]);
    await store.write([ev({ site: s, anonymousId: 'mail-click', linkTo: { via: 'email', userId: 'eve' } })]);
    expect(await links(s)).toEqual([
      { anonymous_id: 'after-itp', person_key: 'u:eve', via: 'cookie' },
      { anonymous_id: 'first', person_key: 'u:eve', via: 'identify' },
      { anonymous_id: 'mail-click', person_key: 'u:eve', via: 'email' },
    ]);
    expect(await visitors(s)).toEqual([['u:eve', 3]]);
    // A cookie claim to a browser nobody identified yet: an anonymous person of two browsers, which
    // joins the user when either is identified.
    await store.write([ev({ site: s, anonymousId: 'old-safari' }), ev({ site: s, anonymousId: 'new-safari', linkTo: { via: 'cookie', anonymousId: 'old-safari' } })]);
    expect((await links(s)).find((l) => l.anonymous_id === 'new-safari')?.person_key).toBe('old-safari');
    expect(await visitors(s)).toEqual([['old-safari', 2], ['u:eve', 3]]);
    await store.write([ev({ site: s, anonymousId: 'new-safari', userId: 'fay' })]);
    expect((await links(s)).filter((l) => l.anonymous_id.endsWith('safari')).map((l) => [l.anonymous_id, l.person_key]))
      .toEqual([['new-safari', 'u:fay'], ['old-safari', 'u:fay']]);
    expect(await visitors(s)).toEqual([['u:eve', 3], ['u:fay', 3]]);
    expect(await conflicts(s)).toEqual([]);
  });

  it('without any identity the write adds no identity row', async () => {
    const s = site('plain');
    await store.write(Array.from({ length: 60 }, (_, i) => ev({ site: s, anonymousId: `v${i % 6}` })));
    expect(await links(s)).toEqual([]);
    expect((await journeyReport(store, { site: s })).identifiedPeople).toBe(0);
  });

  it('migration 10 rebuilds the rollup of stored touchpoints by person', async () => {
    const before = MIGRATIONS.filter((m) => m.version < 10);
    const file = join(dir, `migrate-${++files}.db`);
    const reopen = (migrations?: typeof MIGRATIONS) => label === 'PostgreSQL'
      ? openPostgresStore(PG_URL, { schema: oldSchema, poolSize: 2, migrations })
      : Promise.resolve(openSqliteStore(file, { writer: label.includes('inline') ? 'inline' : 'thread', migrations }));
    const s = site('migrate');
    const old = await reopen(before);
    // (Before migration 10 there are no identity tables: touchpoints without a claim only.)
    await old.write([ev({ site: s, anonymousId: 'm1' }), ev({ site: s, anonymousId: null, userId: 'gus', name: 'invoice_sent', phase: 'after', p5: 'post' })]);
    const keys = async (st: Store) => (await st.query<{ visitor: string }>('SELECT DISTINCT visitor FROM journey_days WHERE site = ? ORDER BY visitor', [s])).map((r) => r.visitor);
    expect(await keys(old)).toEqual(['gus', 'm1']);
    await old.close();
    const now = await reopen();
    expect(await keys(now)).toEqual(['m1', 'u:gus']);
    await now.write([ev({ site: s, anonymousId: 'm1', userId: 'gus' })]);
    expect(await keys(now)).toEqual(['u:gus']);
    await now.close();
  });

  it('migration 16 fills abandonment\'s rollup from the stored touchpoints, by person', async () => {
    const before = MIGRATIONS.filter((m) => m.version < 16);
    const file = join(dir, `migrate-${++files}.db`);
    const reopen = (migrations?: typeof MIGRATIONS) => label === 'PostgreSQL'
      ? openPostgresStore(PG_URL, { schema: stepsSchema, poolSize: 2, migrations })
      : Promise.resolve(openSqliteStore(file, { writer: label.includes('inline') ? 'inline' : 'thread', migrations }));
    const s = site('migrate-steps');
    const old = await reopen(before);
    await old.write([
      ev({ site: s, anonymousId: 'k1', sessionId: 'k1s' }), ev({ site: s, anonymousId: 'k1', sessionId: 'k1s', name: 'sign_up', p5: 'pivotal' }),
      ev({ site: s, anonymousId: 'k2', sessionId: 'k2s' }), ev({ site: s, anonymousId: 'k3', sessionId: 'k3s', isBot: true }),
      ev({ site: s, anonymousId: null, sessionId: null, userId: 'kim', name: 'call', phase: 'during', p5: 'pivotal' }),
    ]);
    // The browser's link as an identify wrote it (a write of the old schema would also re-key the rollup
    // this schema does not have yet).
    await old.query('INSERT INTO identity_links (site, anonymous_id, person_key, via, linked_at) VALUES (?, ?, ?, ?, ?)', [s, 'k1', 'u:kim', 'identify', T0]);
    await old.close();
    const now = await reopen();
    expect((await now.query<{ visitor: string; name: string }>('SELECT visitor, name FROM journey_steps WHERE site = ? ORDER BY visitor, name', [s])).map((r) => `${r.visitor} ${r.name}`))
      .toEqual(['k2 page_view', 'u:kim page_view', 'u:kim sign_up']);
    // Kim stopped after signing up (the call has no session: no step), k2 after a page view; k3 is a bot.
    expect((await journeyReport(now, { site: s })).abandonment.map((a) => [a.name, a.reached, a.abandoned])).toEqual([['sign_up', 1, 1], ['page_view', 2, 1]]);
    await now.close();
  });
});

describePeopleReports('SQLite (writer thread)', () => openSqliteStore(join(dir, `people-${++files}.db`)));
describePeopleReports('PostgreSQL', () => openPostgresStore(PG_URL, { schema, poolSize: 4 }));
