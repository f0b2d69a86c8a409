import { afterEach, expect, it } from 'vitest';
import { fakeCollector, testConfig } from '../test-client.fixture.js';
import { createClient } from '../client.js';
import { segmentFormat } from '../index.js';
import type { Client } from '../types.js';

let c: Client;
afterEach(() => c.stop());

it('sends a custom transform with custom headers to any endpoint', async () => {
  const col = fakeCollector();
  c = createClient(testConfig(col, { endpoint: 'https://example.test/ingest', format: (b) => ({ records: b.events.map((e) => ({ event: e.name })) }), headers: { authorization: 'Bearer t', 'content-type': 'application/json' } }));
  c.tag('a');
  await c.flush();
  expect(col.requests[0]!.url).toBe('https://example.test/ingest');
  expect(col.requests[0]!.init.headers).toEqual({ authorization: 'Bearer t', 'content-type': 'application/json' });
  expect(col.bodies[0]).toEqual({ records: [{ event: 'a' }] });
});

it('sends the Segment format when asked', async () => {
  const col = fakeCollector();
  c = createClient(testConfig(col, { format: 'segment', writeKey: 'seg' }), [segmentFormat]);
  c.signUp();
  await c.flush();
  expect(col.bodies[0]).toMatchObject({ writeKey: 'seg', batch: [{ type: 'track', event: 'Signed Up' }] });
});

it('refuses the Segment format where it is not built in instead of sending native', () => {
  c = createClient(testConfig(fakeCollector()));
  expect(() => createClient(testConfig(fakeCollector(), { format: 'segment' }))).toThrow(new TypeError('touchpoint: E9 format'));
});

it('does not change the caller\'s config object', () => {
  const config = testConfig(fakeCollector(), { format: 'segment' });
  c = createClient(config, [segmentFormat]);
  expect(config.format).toBe('segment');
});
