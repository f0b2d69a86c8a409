// The merge rules of docs/identity.md as a plan: what identity rows a write adds, decided from the
// events' claims and the links already stored. Pure, so both stores (and the SQLite writer thread) apply
// the same plan — SQLite with synchronous statements inside its transaction, PostgreSQL with queries
// inside its own (identity-sqlite.ts, identity-pg.ts).
import { USER_KEY_PREFIX } from '../reports/people.js';
import type { StoredEvent } from './types.js';

/**
 * One identity fact an event states, in the order of the events. `link`: the browser `anonymousId`
 * belongs to the person of `toUser` (an identify, a user id and an anonymous id on one touchpoint, an
 * alias, a verified claim) or of the browser `toAnon` (a verified claim). `alias`: `previousId` (an
 * anonymous id, or a user id that is already a person) is now `userId`.
 */
export type Claim =
  | { kind: 'link'; site: string; eventId: string; at: number; anonymousId: string; toUser?: string; toAnon?: string; via: string }
  | { kind: 'alias'; site: string; eventId: string; at: number; previousId: string; userId: string };

/** One row-level step of a plan, executed in order. */
export type IdentityOp =
  /** a new `identity_links` row */
  | { op: 'link'; site: string; anonymousId: string; personKey: string; via: string; at: number }
  /** a new `user_merges` row */
  | { op: 'merge'; site: string; userId: string; personKey: string; at: number }
  /** person `from` becomes part of `to`: links and merges pointing at it re-pointed, its rollup rows re-keyed */
  | { op: 'absorb'; site: string; from: string; to: string }
  /** rule 2: `anonymousId` stays with `personKey`; `otherKey` was refused */
  | { op: 'conflict'; site: string; anonymousId: string; personKey: string; otherKey: string; at: number; eventId: string };

/** What a plan needs to know of the stored identity rows, per site. */
export interface IdentityLookup {
  /** the stored link of each anonymous id asked for (absent: none) */
  links: Map<string, string>;
  /** the stored merge of each user id asked for (absent: none) */
  merges: Map<string, string>;
  /** user ids asked for that are already a person (`u:<id>` has rows) */
  knownUsers: Set<string>;
}

/** What a plan has to look up: per site, the anonymous ids and user ids its claims name. */
export interface LookupRequest {
  site: string;
  anonymousIds: string[];
  userIds: string[];
  /** alias previous ids: asked both as anonymous ids and as possible users */
  previousIds: string[];
}

/**
 * The identity claims of a write, in event order. The common case — no user id, no alias, no verified
 * claim — is a few property reads per event and no claim at all.
 */
export function identityClaims(events: readonly StoredEvent[]): Claim[] {
  const claims: Claim[] = [];
  for (const e of events) {
    const anon = e.anonymousId;
    if (e.userId !== null && anon !== null) claims.push({ kind: 'link', site: e.site, eventId: e.id, at: e.ts, anonymousId: anon, toUser: e.userId, via: 'identify' });
    if (e.linkTo && anon !== null) {
      const { via, userId, anonymousId } = e.linkTo;
      if (userId) claims.push({ kind: 'link', site: e.site, eventId: e.id, at: e.ts, anonymousId: anon, toUser: userId, via });
      else if (anonymousId && anonymousId !== anon) claims.push({ kind: 'link', site: e.site, eventId: e.id, at: e.ts, anonymousId: anon, toAnon: anonymousId, via });
    }
    if (e.name === 'alias' && e.userId !== null) {
      const previousId = previousIdOf(e.data);
      if (previousId !== undefined && previousId !== e.userId) claims.push({ kind: 'alias', site: e.site, eventId: e.id, at: e.ts, previousId, userId: e.userId });
    }
  }
  return claims;
}

function previousIdOf(data: string): string | undefined {
  try {
    const p = (JSON.parse(data) as { properties?: { previousId?: unknown } }).properties?.previousId;
    return typeof p === 'string' && p !== '' ? p : undefined;
  } catch {
    return undefined;
  }
}

/** The claims of the events in `inserted` only (a re-sent copy of an event never links again). */
export function claimsOfInserted(claims: readonly Claim[], inserted: (site: string, eventId: string) => boolean): Claim[] {
  return claims.filter((c) => inserted(c.site, c.eventId));
}

/** The ids to look up before {@link planIdentity}, one request per site. */
export function lookupRequests(claims: readonly Claim[]): LookupRequest[] {
  const bySite = new Map<string, { anon: Set<string>; user: Set<string>; prev: Set<string> }>();
  for (const c of claims) {
    let s = bySite.get(c.site);
    if (!s) bySite.set(c.site, (s = { anon: new Set(), user: new Set(), prev: new Set() }));
    if (c.kind === 'link') {
      s.anon.add(c.anonymousId);
      if (c.toUser !== undefined) s.user.add(c.toUser);
      if (c.toAnon !== undefined) s.anon.add(c.toAnon);
    } else {
      s.prev.add(c.previousId);
      s.user.add(c.userId);
    }
  }
  return [...bySite].map(([site, s]) => ({ site, anonymousIds: [...s.anon, ...s.prev], userIds: [...s.user, ...s.prev], previousIds: [...s.prev] }));
}

const identified = (personKey: string) => personKey.startsWith(USER_KEY_PREFIX);

/**
 * The rows the claims add, in order, given what is stored (`lookup` per site, from
 * {@link lookupRequests}). Rules (docs/identity.md): a browser without a link is linked to the claimed
 * person; a browser already with someone keeps them — two identified people are never merged through a
 * browser (a conflict row instead), while an anonymous person (a browser others were linked to) joins the
 * identified one; an alias of a browser links it, an alias of a user id that is already a person merges
 * that person into the new user's. Links always point at the person as resolved now (merges followed).
 * Returns no ops when every claim is already true — the common case once a browser is identified.
 */
export function planIdentity(claims: readonly Claim[], lookup: (site: string) => IdentityLookup): IdentityOp[] {
  const ops: IdentityOp[] = [];
  const state = new Map<string, IdentityLookup>();
  const of = (site: string) => {
    let s = state.get(site);
    if (!s) {
      const l = lookup(site);
      state.set(site, (s = { links: new Map(l.links), merges: new Map(l.merges), knownUsers: new Set(l.knownUsers) }));
    }
    return s;
  };
  const personOfUser = (s: IdentityLookup, userId: string) => s.merges.get(userId) ?? USER_KEY_PREFIX + userId;
  const personOfAnon = (s: IdentityLookup, anon: string) => s.links.get(anon) ?? anon;
  // `from` (an anonymous person, or u:<id> on a merge) becomes part of `to`, in what the plan knows too.
  const absorb = (site: string, s: IdentityLookup, from: string, to: string) => {
    ops.push({ op: 'absorb', site, from, to });
    for (const [a, p] of s.links) if (p === from) s.links.set(a, to);
    for (const [u, p] of s.merges) if (p === from) s.merges.set(u, to);
  };
  const link = (c: { site: string; at: number; eventId: string }, s: IdentityLookup, anon: string, target: string, via: string) => {
    const mine = personOfAnon(s, anon);
    if (mine === target) return;
    if (identified(mine) && identified(target)) {
      ops.push({ op: 'conflict', site: c.site, anonymousId: anon, personKey: mine, otherKey: target, at: c.at, eventId: c.eventId });
      return;
    }
    // Who joins whom: an identified person keeps its key; between two anonymous ones, a browser of its
    // own joins the other's person, and a browser already with an anonymous person keeps it.
    const [loser, winner] = identified(mine) ? [target, mine] : identified(target) ? [mine, target] : mine === anon ? [anon, target] : [target, mine];
    // The loser is an anonymous id with no link of its own (a person key that is not u: is always one).
    ops.push({ op: 'link', site: c.site, anonymousId: loser, personKey: winner, via, at: c.at });
    s.links.set(loser, winner);
    absorb(c.site, s, loser, winner);
  };

  for (const c of claims) {
    const s = of(c.site);
    if (c.kind === 'link') {
      const target = c.toUser !== undefined ? personOfUser(s, c.toUser) : personOfAnon(s, c.toAnon!);
      link(c, s, c.anonymousId, target, c.via);
      continue;
    }
    const target = personOfUser(s, c.userId);
    const asUser = USER_KEY_PREFIX + c.previousId;
    const prevIsUser = !s.links.has(c.previousId)
      && (s.knownUsers.has(c.previousId) || s.merges.has(c.previousId) || [...s.links.values()].includes(asUser));
    if (!prevIsUser) {
      link(c, s, c.previousId, target, 'alias');
      continue;
    }
    const from = personOfUser(s, c.previousId);
    if (from === target) continue;
    if (s.merges.has(c.previousId)) {
      // Already merged into someone else: the first merge stays, as a browser keeps its first person.
      ops.push({ op: 'conflict', site: c.site, anonymousId: c.previousId, personKey: from, otherKey: target, at: c.at, eventId: c.eventId });
      continue;
    }
    ops.push({ op: 'merge', site: c.site, userId: c.previousId, personKey: target, at: c.at });
    s.merges.set(c.previousId, target);
    absorb(c.site, s, from, target);
  }
  return ops;
}

/** Conflict rows in a plan (the `touchpoint_identity_conflicts_total` metric). */
export const conflictCount = (ops: readonly IdentityOp[]) => ops.reduce((n, o) => n + (o.op === 'conflict' ? 1 : 0), 0);
