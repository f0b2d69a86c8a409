import type { Campaign } from './campaign.js';
import type { BatchResponse, PageContext, Properties, PropertyValue, RejectedEvent, TouchpointBatch, TouchpointEvent } from './envelope.js';
import { LIMITS } from './limits.js';
import { NAME_PATTERN } from './names.js';
import { isStage } from './stages.js';

/** The result of validating one event: a clean copy, or the first reason it is refused. */
export type EventResult = { ok: true; event: TouchpointEvent } | { ok: false; reason: string };

/** The result of validating a batch envelope. */
export type BatchResult =
  | { ok: true; site: string; writeKey?: string; sentAt?: number; events: TouchpointEvent[]; rejected: RejectedEvent[]; dropped?: Record<string, number> }
  | { ok: false; status: 400 | 413; reason: string };

// Keys that would reach Object.prototype if a consumer ever merged the object by assignment.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class Invalid extends Error {}
const fail = (path: string, msg: string): never => {
  throw new Invalid(`${path}: ${msg}`);
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** UTF-8 byte length of a string, without TextEncoder (the schema runs anywhere). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// Native `String.prototype.isWellFormed` (ES2024; Node 20+, current browsers) where the runtime has it.
const nativeWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/** True when `s` has a lone surrogate: a high one not followed by a low one, or a low one on its own. */
export function hasLoneSurrogate(s: string): boolean {
  if (nativeWellFormed) return !nativeWellFormed.call(s);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return true;
  }
  return false;
}

function str(v: unknown, path: string, max: number = LIMITS.maxStringLength): string {
  if (typeof v !== 'string') fail(path, `must be a string, got ${v === null ? 'null' : typeof v}`);
  const s = v as string;
  if (s.length > max) fail(path, `longer than ${max} characters`);
  // Lone surrogates come from invalid UTF-8 or broken clients; they do not survive storage round trips.
  if (hasLoneSurrogate(s)) fail(path, 'contains invalid UTF-16 (lone surrogate)');
  return s;
}

/**
 * An upper bound of `utf8Length(JSON.stringify(v))` that walks plain JSON values without building the
 * text: a UTF-16 unit takes at most 6 bytes in JSON (`\u001f`), a finite number at most 24 characters.
 * Stops early once past `budget`, and gives `Infinity` for anything it cannot bound (deep nesting,
 * objects that are not plain, `toJSON`): the caller then measures exactly.
 */
function jsonBytesBound(v: unknown, budget: number, depth: number): number {
  switch (typeof v) {
    case 'string':
      return 2 + 6 * v.length;
    case 'number':
      return 24;
    case 'boolean':
      return 5;
    case 'undefined':
    case 'function':
    case 'symbol':
      return 4; // omitted in objects, `null` in arrays
    case 'object': {
      if (v === null) return 4;
      if (depth > 32) return Infinity;
      let n = 2;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length && n <= budget; i++) n += 1 + jsonBytesBound(v[i], budget - n, depth + 1);
        return n;
      }
      const proto = Object.getPrototypeOf(v);
      if ((proto !== Object.prototype && proto !== null) || typeof (v as { toJSON?: unknown }).toJSON === 'function') return Infinity;
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        n += 4 + 6 * k.length + jsonBytesBound(o[k], budget - n, depth + 1);
        if (n > budget) return n;
      }
      return n;
    }
    default:
      return Infinity;
  }
}

/** UTF-8 size of `JSON.stringify(v)` when it may exceed `max`; else any bound ≤ `max` (Infinity when it cannot be serialised). */
function eventBytes(v: unknown, max: number): number {
  // Most events are far below the limit: the bound proves it without serialising them.
  const bound = jsonBytesBound(v, max, 0);
  if (bound <= max) return bound;
  try {
    const text = JSON.stringify(v) ?? '';
    // At most 3 bytes per UTF-16 unit: short texts need no counting.
    return text.length * 3 <= max ? text.length : utf8Length(text);
  } catch {
    return Infinity;
  }
}

function optStr(v: unknown, path: string, max?: number): string | undefined {
  return v === undefined || v === null ? undefined : str(v, path, max);
}

function id(v: unknown, path: string): string {
  const s = str(v, path, LIMITS.maxIdLength);
  if (!s) fail(path, 'must not be empty');
  return s;
}

function value(v: unknown, path: string, depth: number): PropertyValue {
  switch (typeof v) {
    case 'string':
      return str(v, path);
    case 'boolean':
      return v;
    case 'number':
      if (!Number.isFinite(v)) fail(path, 'must be a finite number');
      return v;
    case 'object':
      if (v === null) return null;
      if (depth >= LIMITS.maxDepth) fail(path, `nested deeper than ${LIMITS.maxDepth} levels`);
      if (Array.isArray(v)) {
        if (v.length > LIMITS.maxKeys) fail(path, `more than ${LIMITS.maxKeys} items`);
        return v.map((x, i) => value(x, `${path}[${i}]`, depth + 1));
      }
      return props(v, path, depth + 1);
    default:
      return fail(path, `unsupported type ${typeof v}`);
  }
}

function props(v: unknown, path: string, depth = 0): Properties {
  if (!isObject(v)) fail(path, 'must be an object');
  const keys = Object.keys(v as object);
  if (keys.length > LIMITS.maxKeys) fail(path, `more than ${LIMITS.maxKeys} keys`);
  const out: Properties = {};
  for (const k of keys) {
    if (FORBIDDEN_KEYS.has(k)) fail(path, `forbidden key "${k}"`);
    if (k.length > 256) fail(path, 'key longer than 256 characters');
    str(k, `${path} key`, 256);
    out[k] = value((v as Record<string, unknown>)[k], `${path}.${k}`, depth);
  }
  return out;
}

const CAMPAIGN_KEYS = ['source', 'medium', 'campaign', 'term', 'content', 'id', 'clickIdParam', 'clickId', 'network', 'landingPath'] as const;

function campaign(v: unknown, path: string): Campaign | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) fail(path, 'must be an object');
  const c: Campaign = {};
  for (const k of CAMPAIGN_KEYS) {
    const s = optStr((v as Record<string, unknown>)[k], `${path}.${k}`, 1024);
    if (s !== undefined) c[k] = s;
  }
  const ts = (v as Record<string, unknown>).ts;
  if (ts !== undefined && ts !== null) c.ts = timestamp(ts, `${path}.ts`);
  return c;
}

// YYYY-MM-DDThh:mm[:ss[.fraction]] and a time zone (Z or ±hh[:]mm): what toISOString() and Segment clients send.
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/**
 * Milliseconds since epoch of an ISO 8601 date-time such as `2026-01-02T03:04:05.123Z` or
 * `2026-01-02T04:04:05+01:00`, or the reason it is not one. A time zone is required: without one the
 * instant depends on the reader's zone. Fields are checked, not rolled over (`Date.parse` turns
 * February 30 into March 2); digits past milliseconds are cut.
 *
 * @example
 * parseIsoDateTime('2026-01-02T03:04:05.123Z'); // → 1767323045123
 * parseIsoDateTime('2026-02-30T00:00:00Z');     // → 'is not a calendar date-time (…)'
 */
export function parseIsoDateTime(s: string): number | string {
  const m = ISO_DATE_TIME.exec(s);
  const shown = JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
  if (!m) return `must be a positive number of ms since epoch or an ISO 8601 date-time like 2026-01-02T03:04:05.000Z, got ${shown}`;
  if (!m[8] && !m[9]) return `ISO 8601 date-time needs a time zone (Z or ±hh:mm), got ${shown}`;
  const [y, mo, d, h, mi, sec, oh, om] = [m[1], m[2], m[3], m[4], m[5], m[6], m[10], m[11]].map((x) => Number(x ?? 0)) as [number, number, number, number, number, number, number, number];
  const days = new Date(new Date(0).setUTCFullYear(y, mo, 0)).getUTCDate(); // day 0 of the next month: the last of `mo`
  if (mo < 1 || mo > 12 || d < 1 || d > days || h > 23 || mi > 59 || sec > 59 || oh > 23 || om > 59) return `is not a calendar date-time (month 1–12, day within the month, hh ≤ 23, mm and ss ≤ 59), got ${shown}`;
  const ms = Number(((m[7] ?? '') + '000').slice(0, 3));
  const utc = new Date(0).setUTCFullYear(y, mo - 1, d) + ((h * 60 + mi) * 60 + sec) * 1000 + ms;
  return utc - (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
}

/** A positive ms-since-epoch number, or an ISO 8601 date-time string parsed to one (clients that send Segment-style timestamps). */
function timestamp(v: unknown, path: string): number {
  const ms = typeof v === 'string' ? parseIsoDateTime(v) : v;
  if (typeof ms === 'string') fail(path, ms);
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0 || ms > 8.64e15) fail(path, 'must be a positive number of ms since epoch or an ISO 8601 date-time');
  return Math.round(ms as number);
}

function page(v: unknown, path: string): PageContext | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) fail(path, 'must be an object');
  const o = v as Record<string, unknown>;
  const p: PageContext = { url: str(o.url, `${path}.url`, LIMITS.maxUrlLength), path: '' };
  p.path = optStr(o.path, `${path}.path`, LIMITS.maxUrlLength) ?? '';
  const title = optStr(o.title, `${path}.title`, 1024);
  if (title !== undefined) p.title = title;
  const referrer = optStr(o.referrer, `${path}.referrer`, LIMITS.maxUrlLength);
  if (referrer !== undefined) p.referrer = referrer;
  return p;
}

/**
 * Validates one event and returns a clean copy holding only known fields (unknown top-level fields are
 * dropped, forbidden keys refused). `ts` (and `campaign.ts`) may be ms since epoch or an ISO 8601
 * date-time with a time zone; the copy always has ms. Never throws.
 */
export function validateEvent(input: unknown): EventResult {
  try {
    if (!isObject(input)) fail('event', 'must be an object');
    const o = input as Record<string, unknown>;
    const name = str(o.name, 'name', 64);
    if (!NAME_PATTERN.test(name)) fail('name', `must match ${NAME_PATTERN.source}`);
    const e: TouchpointEvent = { id: id(o.id, 'id'), name, ts: timestamp(o.ts, 'ts') };
    for (const k of ['anonymousId', 'userId', 'sessionId'] as const) {
      if (o[k] !== undefined && o[k] !== null) e[k] = id(o[k], k);
    }
    const pg = page(o.page, 'page');
    if (pg) e.page = pg;
    const c = campaign(o.campaign, 'campaign');
    if (c) e.campaign = c;
    if (o.attribution !== undefined && o.attribution !== null) {
      if (!isObject(o.attribution)) fail('attribution', 'must be an object');
      const a = o.attribution as Record<string, unknown>;
      const first = campaign(a.first, 'attribution.first');
      const last = campaign(a.last, 'attribution.last');
      e.attribution = {};
      if (first) e.attribution.first = first;
      if (last) e.attribution.last = last;
    }
    if (o.stage !== undefined && o.stage !== null) {
      if (!isStage(o.stage)) fail('stage', 'must be { phase: before|during|after, p5: pre_touch|first_touch|pivotal|prime|post }');
      const s = o.stage as { phase: never; p5: never };
      e.stage = { phase: s.phase, p5: s.p5 };
    }
    if (o.properties !== undefined && o.properties !== null) e.properties = props(o.properties, 'properties');
    if (o.traits !== undefined && o.traits !== null) e.traits = props(o.traits, 'traits');
    if (o.sdk !== undefined && o.sdk !== null) {
      if (!isObject(o.sdk)) fail('sdk', 'must be an object');
      const s = o.sdk as Record<string, unknown>;
      e.sdk = { name: str(s.name, 'sdk.name', 64), version: str(s.version, 'sdk.version', 64) };
    }
    if (o.link !== undefined && o.link !== null) e.link = str(o.link, 'link', LIMITS.maxUrlLength);
    return { ok: true, event: e };
  } catch (err) {
    if (err instanceof Invalid) return { ok: false, reason: err.message };
    // A RangeError from absurd input (e.g. a stack overflow) is still bad input, never a crash.
    return { ok: false, reason: `event: ${(err as Error).message}` };
  }
}

/**
 * Validates a batch envelope (already parsed JSON) and each of its events. Events over
 * {@link LIMITS.maxEventBytes} or failing {@link validateEvent} are listed in `rejected` with their
 * index; the rest are returned clean. Batch-level problems give `ok: false` with the HTTP status to answer.
 * `sentAt`, like each event's `ts`, may be ms since epoch or an ISO 8601 date-time (as Segment's API
 * takes it); it is returned as ms.
 */
export function validateBatch(input: unknown): BatchResult {
  if (!isObject(input)) return { ok: false, status: 400, reason: 'body must be a JSON object { site, sentAt, events }' };
  const o = input as Record<string, unknown>;
  if (typeof o.site !== 'string' || !o.site || o.site.length > LIMITS.maxIdLength) return { ok: false, status: 400, reason: 'site: must be a non-empty string' };
  if (!Array.isArray(o.events)) return { ok: false, status: 400, reason: 'events: must be an array' };
  if (o.events.length > LIMITS.maxBatchEvents) return { ok: false, status: 413, reason: `events: more than ${LIMITS.maxBatchEvents} in one batch` };
  if (o.writeKey !== undefined && typeof o.writeKey !== 'string') return { ok: false, status: 400, reason: 'writeKey: must be a string' };
  let sentAt: number | undefined;
  if (o.sentAt !== undefined && o.sentAt !== null) {
    try {
      sentAt = timestamp(o.sentAt, 'sentAt');
    } catch (err) {
      return { ok: false, status: 400, reason: (err as Error).message };
    }
  }
  let dropped: Record<string, number> | undefined;
  if (isObject(o.dropped)) {
    dropped = {};
    for (const [k, n] of Object.entries(o.dropped)) {
      if (!FORBIDDEN_KEYS.has(k) && k.length <= 64 && typeof n === 'number' && Number.isFinite(n) && n > 0) dropped[k] = Math.floor(n);
    }
  }
  const events: TouchpointEvent[] = [];
  const rejected: RejectedEvent[] = [];
  o.events.forEach((raw: unknown, index: number) => {
    const rawId = isObject(raw) && typeof raw.id === 'string' && raw.id.length <= LIMITS.maxIdLength ? raw.id : undefined;
    if (eventBytes(raw, LIMITS.maxEventBytes) > LIMITS.maxEventBytes) {
      rejected.push({ index, ...(rawId ? { id: rawId } : {}), reason: `event: larger than ${LIMITS.maxEventBytes} bytes` });
      return;
    }
    const r = validateEvent(raw);
    if (r.ok) events.push(r.event);
    else rejected.push({ index, ...(rawId ? { id: rawId } : {}), reason: r.reason });
  });
  const result: BatchResult = { ok: true, site: o.site, events, rejected };
  if (typeof o.writeKey === 'string') result.writeKey = o.writeKey;
  if (sentAt !== undefined) result.sentAt = sentAt;
  if (dropped) result.dropped = dropped;
  return result;
}

export type { BatchResponse, TouchpointBatch };
