import { describe, expect, it } from 'vitest';
import { pageView, post, testHandler } from '../handler.fixture.js';
import { identityClaims, planIdentity, type Claim, type IdentityLookup } from './identity.js';
import { storedEvent } from './stored-event.fixture.js';

const none = (): IdentityLookup => ({ links: new Map(), merges: new Map(), knownUsers: new Set() });
const stored = (over: Partial<IdentityLookup>) => () => ({ ...none(), ...over });
const link = (anonymousId: string, to: { toUser?: string; toAnon?: string }, via = 'identify'): Claim =>
  ({ kind: 'link', site: 'shop', eventId: `e-${anonymousId}`, at: 1, anonymousId, via, ...to });
const alias = (previousId: string, userId: string): Claim => ({ kind: 'alias', site: 'shop', eventId: `a-${previousId}`, at: 1, previousId, userId });

describe('identityClaims', () => {
  it('finds nothing in touchpoints without a user id, an alias or a verified claim (the common case)', () => {
    expect(identityClaims([storedEvent(), storedEvent({ userId: 'u1', anonymousId: null })])).toEqual([]);
  });

  it('reads an identify, an alias previousId and a linkTo claim', () => {
    const claims = identityClaims([
      storedEvent({ id: 'i', userId: 'ana' }),
      storedEvent({ id: 'a', name: 'alias', anonymousId: null, userId: 'ana', data: '{"properties":{"previousId":"old"}}' }),
      storedEvent({ id: 'c', anonymousId: 'b2', linkTo: { via: 'cookie', anonymousId: 'a1' } }),
      storedEvent({ id: 'self', linkTo: { via: 'cookie', anonymousId: 'a1' } }),
    ]);
    expect(claims.map((c) => [c.eventId, c.kind === 'link' ? [c.anonymousId, c.toUser ?? c.toAnon, c.via] : [c.previousId, c.userId]])).toEqual([
      ['i', ['a1', 'ana', 'identify']], ['a', ['old', 'ana']], ['c', ['b2', 'a1', 'cookie']],
    ]);
  });
});

describe('planIdentity (docs/identity.md merge rules)', () => {
  it('rule 1: links a browser without a link, and re-keys its rollup rows', () => {
    expect(planIdentity([link('a', { toUser: 'x' })], none)).toEqual([
      { op: 'link', site: 'shop', anonymousId: 'a', personKey: 'u:x', via: 'identify', at: 1 },
      { op: 'absorb', site: 'shop', from: 'a', to: 'u:x' },
    ]);
  });

  it('adds nothing when the claim is already true (a browser identified before)', () => {
    expect(planIdentity([link('a', { toUser: 'x' }), link('a', { toUser: 'x' })], stored({ links: new Map([['a', 'u:x']]) }))).toEqual([]);
  });

  it('rule 2: a browser with another identified person keeps it, one conflict', () => {
    expect(planIdentity([link('a', { toUser: 'y' })], stored({ links: new Map([['a', 'u:x']]) }))).toEqual([
      { op: 'conflict', site: 'shop', anonymousId: 'a', personKey: 'u:x', otherKey: 'u:y', at: 1, eventId: 'e-a' },
    ]);
  });

  it('follows merges: a user merged into another links to the surviving person', () => {
    expect(planIdentity([link('a', { toUser: 'old' })], stored({ merges: new Map([['old', 'u:new']]) }))[0])
      .toMatchObject({ op: 'link', personKey: 'u:new' });
  });

  it('an anonymous person (browsers tied by the cookie) joins the user when one of its browsers is identified', () => {
    expect(planIdentity([link('b', { toUser: 'x' })], stored({ links: new Map([['b', 'a']]) }))).toEqual([
      { op: 'link', site: 'shop', anonymousId: 'a', personKey: 'u:x', via: 'identify', at: 1 },
      { op: 'absorb', site: 'shop', from: 'a', to: 'u:x' },
    ]);
  });

  it('rule 3: alias of an anonymous id links it; of a user id that is a person, merges it; a second merge of it is a conflict', () => {
    expect(planIdentity([alias('anon', 'x')], none)[0]).toMatchObject({ op: 'link', anonymousId: 'anon', personKey: 'u:x', via: 'alias' });
    expect(planIdentity([alias('old', 'x')], stored({ knownUsers: new Set(['old']) }))).toEqual([
      { op: 'merge', site: 'shop', userId: 'old', personKey: 'u:x', at: 1 },
      { op: 'absorb', site: 'shop', from: 'u:old', to: 'u:x' },
    ]);
    expect(planIdentity([alias('old', 'y')], stored({ merges: new Map([['old', 'u:x']]) }))[0]).toMatchObject({ op: 'conflict', personKey: 'u:x', otherKey: 'u:y' });
  });

  it('keeps the first of two claims in one write and sees its own links', () => {
    const ops = planIdentity([link('k', { toUser: 'p' }), link('k', { toUser: 'q' }), link('k2', { toAnon: 'k' }, 'cookie')], none);
    expect(ops.map((o) => o.op)).toEqual(['link', 'absorb', 'conflict', 'link', 'absorb']);
    expect(ops[3]).toMatchObject({ anonymousId: 'k2', personKey: 'u:p', via: 'cookie' });
  });
});

describe('the collector', () => {
  it('counts identity conflicts on /metrics', async () => {
    const { handler, store } = testHandler();
    await handler(post('/v1/touchpoints', { site: 'shop', events: [pageView({ anonymousId: 'kiosk', userId: 'first' })] }));
    const res = await handler(post('/v1/touchpoints', { site: 'shop', events: [pageView({ anonymousId: 'kiosk', userId: 'second' })] }));
    expect(res.status).toBe(200);
    expect(await handler.metrics.render()).toMatch(/touchpoint_identity_conflicts_total 1\n/);
    expect(await store.query('SELECT person_key, other_key FROM identity_conflicts')).toEqual([{ person_key: 'u:first', other_key: 'u:second' }]);
    await store.close();
  });
});
