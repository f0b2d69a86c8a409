import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSqliteStore } from '@touchpoint/collector/sqlite';
import type { StoredEvent } from '@touchpoint/collector';
import { csvField, exportEvents, run } from './export.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tp-export-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const event = (i: number, over: Partial<StoredEvent> = {}): StoredEvent => ({
  site: i % 2 ? 'shop' : 'blog', id: `e${String(i).padStart(8, '0')}`, name: 'page_view', ts: 1_700_000_000_000 + i * 1000, receivedAt: 1_700_000_000_000 + i * 1000,
  anonymousId: `a${i % 100}`, userId: null, sessionId: null, phase: 'before', p5: 'first_touch', channel: 'direct', url: 'https://shop.test/', path: '/',
  title: 'Home', referrer: null, utmSource: null, utmMedium: null, utmCampaign: null, utmTerm: null, utmContent: null, clickIdParam: null,
  browser: 'Chrome', os: 'Linux', device: 'desktop', isBot: false, ip: null, data: JSON.stringify({ id: `e${i}`, name: 'page_view', ts: i }), ...over,
});

describe('export', () => {
  it('quotes CSV fields and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"\n')).toBe('"say ""hi""\n"');
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('1');
    expect(csvField(-5)).toBe('-5');
  });

  it('writes NDJSON and CSV for a site and time range through the CLI', async () => {
    const dir = tempDir();
    const db = join(dir, 't.db');
    const store = openSqliteStore(db);
    await store.write(Array.from({ length: 10 }, (_, i) => event(i, i === 3 ? { title: 'Sale, "50%"' } : {})));
    await store.close();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const from = new Date(1_700_000_000_000 + 3000).toISOString();
    expect(await run(['--db', db, '--site', 'shop', '--from', from, '--to', String(1_700_000_000_000 + 8000), '--out', join(dir, 'o.ndjson')])).toBe(0);
    const lines = readFileSync(join(dir, 'o.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['e00000003', 'e00000005', 'e00000007']);
    expect(lines[0].data).toEqual({ id: 'e3', name: 'page_view', ts: 3 });
    expect(await run(['--db', db, '--site', 'shop', '--format', 'csv', '--out', join(dir, 'o.csv')])).toBe(0);
    const csv = readFileSync(join(dir, 'o.csv'), 'utf8').split('\n');
    expect(csv[0]).toMatch(/^site,id,name,ts,received_at,/);
    expect(csv[2]).toContain('"Sale, ""50%"""');
    expect(csv.filter(Boolean)).toHaveLength(6);
  });

  it('refuses a bad --format or --from with exit 2', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((m: unknown) => void errors.push(String(m)));
    expect(await run(['--format', 'xml'])).toBe(2);
    expect(await run(['--from', 'last tuesday'])).toBe(2);
    expect(errors.join('\n')).toContain('--format must be ndjson or csv');
    expect(errors.join('\n')).toContain('--from: expected ms since epoch, YYYY-MM-DD or an ISO date-time, got "last tuesday"');
  });

  it('reads a bare --to date as the reports and the admin API do: that whole day included', async () => {
    const dir = tempDir();
    const db = join(dir, 't.db');
    const store = openSqliteStore(db);
    await store.write(Array.from({ length: 4 }, (_, i) => event(i))); // 2023-11-14 22:13:20Z and after
    await store.close();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const out = join(dir, 'day.ndjson');
    expect(await run(['--db', db, '--from', '2023-11-14', '--to', '2023-11-14', '--out', out])).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(4);
    expect(await run(['--db', db, '--to', '2023-11-13', '--out', out])).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('');
  });

  it('streams 120,000 rows with flat memory, honouring back-pressure', async () => {
    const store = openSqliteStore(join(tempDir(), 'big.db'));
    const N = 120_000;
    for (let i = 0; i < N; i += 10_000) await store.write(Array.from({ length: 10_000 }, (_, k) => event(i + k, { title: 'x'.repeat(300) })));
    let bytes = 0;
    let rows = 0;
    const heap: number[] = [];
    const sink = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (++rows % 12_000 === 0) heap.push(liveHeap());
        // An asynchronous consumer, like a pipe to a slow disk or socket.
        if (rows % 1000 === 0) setImmediate(done);
        else done();
      },
    });
    // Live memory only: collect garbage before each sample, so the figure is what the export holds.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const liveHeap = () => (gc(), process.memoryUsage().heapUsed);
    const started = liveHeap();
    expect(await exportEvents(store, {}, 'ndjson', sink)).toBe(N);
    await store.close();
    expect(bytes).toBeGreaterThan(88 * 1024 * 1024);
    // More than 88 MB went out; the live heap stayed within a few MB of where it started.
    expect(heap).toHaveLength(10);
    expect(Math.max(...heap) - started).toBeLessThan(8 * 1024 * 1024);
  }, 120_000);
});
