import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { count, json, pageView, post, testHandler } from './handler.fixture.js';

// Property tests: whatever a client or attacker sends, the collector answers 4xx (or 200 for the valid
// part), never 5xx, never crashes, never pollutes prototypes, and keeps the valid events mixed in.

const deepNesting = fc.integer({ min: 7, max: 50_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`);
const deepArrays = fc.integer({ min: 7, max: 50_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`);
const hugeString = fc.integer({ min: 8_200, max: 40_000 }).map((n) => JSON.stringify({ id: 'huge', name: 'page_view', ts: Date.now(), properties: { s: 'x'.repeat(n) } }));
const pollution = fc.constantFrom(
  '{"id":"p1","name":"page_view","ts":1,"__proto__":{"polluted":true}}',
  `{"id":"p2","name":"page_view","ts":${Date.now()},"properties":{"__proto__":{"polluted":true}}}`,
  `{"id":"p3","name":"page_view","ts":${Date.now()},"properties":{"constructor":{"prototype":{"polluted":true}}}}`,
  `{"id":"p4","name":"page_view","ts":${Date.now()},"traits":{"a":{"__proto__":{"polluted":true}}}}`,
);
const wrongTypes = fc.record({
  id: fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 200 }), fc.array(fc.string())),
  name: fc.oneof(fc.integer(), fc.string(), fc.constant({})),
  ts: fc.oneof(fc.string(), fc.double(), fc.constant(-1), fc.boolean()),
  page: fc.oneof(fc.string(), fc.integer(), fc.record({ url: fc.oneof(fc.integer(), fc.string()) })),
  properties: fc.oneof(fc.string(), fc.array(fc.integer()), fc.jsonValue()),
}, { requiredKeys: [] }).map((o) => JSON.stringify(o));
const loneSurrogate = fc.constant(`{"id":"ls","name":"page_view","ts":${Date.now()},"properties":{"s":"\\ud800"}}`);
const hostileEvent = fc.oneof(deepNesting, deepArrays, hugeString, pollution, wrongTypes, loneSurrogate, fc.jsonValue().map((v) => JSON.stringify(v)));

const enc = new TextEncoder();
// Insert bytes that are never valid UTF-8 (0xff, a lone continuation byte, a truncated sequence).
const withInvalidUtf8 = (s: string) => {
  const i = s.indexOf('"', s.indexOf('"properties"') + 14) + 1 || 1;
  const a = enc.encode(s.slice(0, i));
  const b = enc.encode(s.slice(i));
  return new Uint8Array([...a, 0xff, 0x80, 0xe2, 0x82, ...b]);
};

function assertNoPollution() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
}

describe('hostile bodies', () => {
  it('random bytes and random JSON on every ingestion path get 4xx, never 5xx', async () => {
    const { handler } = testHandler();
    const paths = ['/v1/touchpoints', '/v1/batch', '/v1/t', '/v1/p', '/v1/i'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.oneof(fc.uint8Array({ maxLength: 3000 }), fc.jsonValue().map((v) => JSON.stringify(v)), fc.string({ maxLength: 2000 })),
        async (path, body) => {
          const res = await handler(post(path, body as string));
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 1500 },
    );
    assertNoPollution();
  });

  it('hostile envelopes (wrong types for site, events, sentAt, writeKey) get 4xx', async () => {
    const { handler } = testHandler();
    await fc.assert(
      fc.asyncProperty(
        fc.record({ site: fc.oneof(fc.jsonValue(), fc.constant('shop')), events: fc.oneof(fc.jsonValue(), fc.constant([])), sentAt: fc.jsonValue(), writeKey: fc.jsonValue(), dropped: fc.jsonValue() }, { requiredKeys: [] }),
        async (envelope) => {
          const res = await handler(post('/v1/touchpoints', envelope));
          expect(res.status).toBeLessThan(500);
          if (res.status === 200) expect(await json(res)).toMatchObject({ accepted: 0 });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('keeps every valid event of a batch mixed with hostile ones', async () => {
    const { handler, store } = testHandler();
    let expected = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(hostileEvent, fc.constant('VALID')), { minLength: 1, maxLength: 12 }), fc.boolean(), async (slots, badBytes) => {
        const valid: string[] = [];
        const parts = slots.map((s) => {
          if (s !== 'VALID') return s;
          const e = pageView();
          valid.push(e.id as string);
          return JSON.stringify(e);
        });
        let body: string | Uint8Array = `{"site":"shop","sentAt":${Date.now()},"events":[${parts.join(',')}]}`;
        // Invalid bytes go into the last hostile event only, so every valid event stays intact.
        const lastHostile = slots.lastIndexOf(slots.filter((s) => s !== 'VALID').at(-1) ?? '');
        if (badBytes && lastHostile >= 0) {
          const before = `{"site":"shop","sentAt":${Date.now()},"events":[${parts.slice(0, lastHostile).concat('').join(',')}`;
          const after = `${parts.slice(lastHostile + 1).map((p) => `,${p}`).join('')}]}`;
          body = new Uint8Array([...enc.encode(before), ...withInvalidUtf8(parts[lastHostile]!), ...enc.encode(after)]);
        }
        const res = await handler(post('/v1/touchpoints', body as string));
        if (res.status === 413) {
          // Only a batch whose bytes pass 512 KB may be refused whole.
          expect(typeof body === 'string' ? Buffer.byteLength(body) : body.length).toBeGreaterThan(512 * 1024);
          return;
        }
        expect([200, 400]).toContain(res.status);
        const r = await json(res);
        if (r.error) {
          // The body as a whole was unreadable JSON: only possible when bytes broke the JSON syntax.
          expect(badBytes).toBe(true);
          return;
        }
        expect(r.accepted + r.duplicates).toBeGreaterThanOrEqual(valid.length);
        expected += r.accepted;
        for (const id of valid) expect(await count(store, 'id = ?', [id])).toBe(1);
      }),
      { numRuns: 400 },
    );
    expect(await count(store)).toBe(expected);
    assertNoPollution();
    // Forbidden keys never reach storage.
    expect(await count(store, "data LIKE '%__proto__%' OR data LIKE '%\"constructor\"%'")).toBe(0);
  });

  it('refuses only the event carrying invalid UTF-8, storing the rest', async () => {
    const { handler, store } = testHandler();
    const good = pageView();
    const bad = JSON.stringify(pageView({ properties: { note: 'abc' } }));
    const body = new Uint8Array([...enc.encode(`{"site":"shop","events":[${JSON.stringify(good)},`), ...withInvalidUtf8(bad), ...enc.encode(']}')]);
    const res = await handler(post('/v1/touchpoints', body as unknown as string));
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ accepted: 1, rejected: [{ index: 1, reason: 'event: contains invalid UTF-8' }] });
    expect(await count(store, 'id = ?', [good.id])).toBe(1);
  });
});
