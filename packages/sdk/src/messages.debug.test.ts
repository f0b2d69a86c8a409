// The debug build's messages (run with __DEBUG__ true: the sdk-debug vitest project), and the docs table
// of every code kept equal to MESSAGES. Behaviour itself is tested with the production flag elsewhere.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeCollector, testConfig } from './test-client.fixture.js';
import { createApi } from './api.js';
import { createClient } from './client.js';
import { createCore } from './core.js';
import { DEBUG_BUILD, message, MESSAGES } from './messages.js';
import type { Client, QueueStore, TouchpointError } from './types.js';
import errorsDoc from '../docs/errors.md?raw';

let c: Client | undefined;
let errors: TouchpointError[];
beforeEach(() => {
  localStorage.clear();
  errors = [];
});
afterEach(() => {
  c?.stop();
  c = undefined;
  vi.restoreAllMocks();
});
const onError = (e: TouchpointError) => void errors.push(e);
const init = (over: object) => () => (c = createClient({ ...testConfig(fakeCollector()), ...over }));

it('runs with the debug flag', () => {
  expect(DEBUG_BUILD).toBe(true);
  expect(message('E2', 'endpoint', 'ftp://x')).toBe('touchpoint: E2 endpoint must be an http(s) URL, got "ftp://x"');
});

describe('init checks every setting, with the whole message', () => {
  it.each([
    [{ endpoint: 'ftp://x' }, 'touchpoint: E2 endpoint must be an http(s) URL, got "ftp://x"'],
    [{ site: '' }, 'touchpoint: E3 site must be a string of 1–128 characters, got ""'],
    [{ batchSize: -1 }, 'touchpoint: E4 batchSize must be a non-negative number, got -1'],
    [{ retryBase: Infinity }, 'touchpoint: E4 retryBase must be a non-negative number, got null'],
    [{ consent: 'maybe' }, 'touchpoint: E5 consent must be one of granted,denied,pending, got "maybe"'],
    [{ format: 'xml' }, `touchpoint: E6 format must be 'native', 'segment' or a function, got "xml"`],
    [{ stages: { wish: { phase: 'x' } } }, 'touchpoint: E7 stages.wish must be a { phase, p5 } stage for a touchpoint name, got {"phase":"x"}'],
    [{ onError: 'log' }, 'touchpoint: E8 onError must be a function, got "string"'],
    [{ format: 'segment' }, `touchpoint: E9 format must be 'native' or a function here, got "segment"`],
  ])('%j', (over, text) => {
    expect(init(over)).toThrow(new TypeError(text));
  });

  it('the config object itself', () => {
    expect(() => createCore(undefined as never)).toThrow(new TypeError('touchpoint: E1 config must be an object like { endpoint, site }, got undefined'));
  });
});

describe('reports with the whole message', () => {
  it('invalid calls', async () => {
    init({ onError })();
    c!.tag('Bad Name');
    c!.tag('big', { text: 'x'.repeat(40_000) });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    c!.tag('cyclic', cyclic as never);
    c!.identify('');
    c!.consent('maybe' as never);
    c!.use(function brokenPlugin() {
      throw new Error('boom');
    });
    c!.adLanding();
    c!.checkoutStep('' as never);
    c!.supportOpen('' as never);
    c!.feedback({ score: 3, scale: 'stars' as never });
    c!.feedback({ score: 11, scale: 'nps' });
    expect(errors.map((e) => e.message)).toEqual([
      'touchpoint: E10 name must match /^[a-z][a-z0-9_]{0,63}$/, got "Bad Name"',
      expect.stringMatching(/^touchpoint: E11 big is \d+ B, over the 32768 B limit for one touchpoint$/),
      expect.stringMatching(/^touchpoint: E12 cyclic could not be tagged: TypeError: Converting circular structure to JSON/),
      'touchpoint: E13 identify userId must be a string of 1–128 characters, got ""',
      'touchpoint: E5 consent must be one of granted,denied,pending, got "maybe"',
      'touchpoint: E14 brokenPlugin failed: Error: boom',
      'touchpoint: E15 adLanding no campaign given and no UTM parameter or click id in the URL',
      'touchpoint: E16 checkoutStep step must be a non-empty string, got ""',
      'touchpoint: E17 supportOpen widget name required, got ""',
      'touchpoint: E18 feedback scale must be nps or csat, got "stars"',
      'touchpoint: E19 feedback score must be an integer 0–10 on the "nps" scale, got 11',
    ]);
    expect(errors.every((e) => e.code == 'invalid')).toBe(true);
  });

  it('storage, queue bounds and delivery', async () => {
    const store = (await import('./queue/store.js')).memoryStore();
    const broken: QueueStore = { ...store, setMany: () => Promise.reject(new Error('QuotaExceededError')) };
    const col = fakeCollector(400, { status: 200, body: { accepted: 0, duplicates: 0, rejected: [{ index: 0, reason: 'name: too long' }] } });
    c = createClient(testConfig(col, { store: broken, queueLimit: 1, batchSize: 1, onError }));
    c.tag('a');
    c.tag('b');
    await c.flush();
    c.tag('c');
    await c.flush();
    expect(errors.map((e) => [e.code, e.message])).toEqual([
      ['storage', 'touchpoint: E30 queue kept in memory: "QuotaExceededError"'],
      ['queue_full', 'touchpoint: E31 queue full: dropped the 1 oldest'],
      ['dropped', 'touchpoint: E32 HTTP 400 refused a batch: dropped 1'],
      ['rejected', 'touchpoint: E33 collector rejected 1: "name: too long"'],
    ]);
  });

  it('a typed helper missing from the core build', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const api = createApi([]);
    api.init(testConfig(fakeCollector()));
    api('checkoutStep', 'begin');
    expect(warn.mock.calls[0]).toEqual(['touchpoint: E20 checkoutStep is not in this build']);
    api('stop');
  });
});

it('docs/errors.md lists every code of MESSAGES as it is', () => {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const rows = Object.entries(MESSAGES).map(([code, [subject, text, fix, where]]) => `| \`${code}\` | ${subject} | ${cell(text)} | ${cell(fix)} | ${where} |`);
  const table = ['| code | about | message (debug build) | fix | where |', '|---|---|---|---|---|', ...rows].join('\n');
  const written = /<!-- codes:start -->\n([^]*?)\n?<!-- codes:end -->/.exec(errorsDoc);
  expect(written, 'docs/errors.md needs its <!-- codes:start --> … <!-- codes:end --> markers').toBeTruthy();
  expect(written![1], `docs/errors.md disagrees with src/messages.ts; between its markers it should read:\n${table}\n`).toBe(table);
});
