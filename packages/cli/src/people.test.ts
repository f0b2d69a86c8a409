// `report retention`, `person` and `forget` on a store seeded with the people suite's dataset.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { link, retentionEvents, seed } from '../../collector/src/people/people-suite.fixture.js';
import { openSqliteStore } from '@touchpoint/collector/sqlite';
import { run as forget } from './forget.js';
import { run as person } from './person.js';
import { run as report } from './report.js';

const dir = mkdtempSync(join(tmpdir(), 'tp-people-cli-'));
const db = join(dir, 'p.db');
beforeAll(async () => {
  const store = openSqliteStore(db);
  await seed(store, 'shop', retentionEvents());
  for (const a of ['a1', 'a2']) await link(store, 'shop', a, 'u:ana');
  await link(store, 'shop', 'c1', 'u:carl');
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function capture(run: (argv: string[]) => Promise<number>, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const w = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(console, 'error').mockImplementation((...a) => void (err += `${a.join(' ')}\n`));
  const l = vi.spyOn(console, 'log').mockImplementation((...a) => void (out += `${a.join(' ')}\n`));
  try {
    return { code: await run(argv), out, err };
  } finally {
    w.mockRestore();
    e.mockRestore();
    l.mockRestore();
  }
}

describe('touchpoint-collector report retention', () => {
  it('prints cohorts as a table: came back / bought again per later week, then by first-touch channel', async () => {
    const { code, out } = await capture(report, ['retention', '--db', db, '--site', 'shop', '--from', '2026-01-05', '--to', '2026-02-01']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Retention — cohorts by first purchase, per week \(UTC, weeks from Monday\)/);
    expect(out).toMatch(/2026-01-05\s+1\s+100%\s+14\.0 d\s+100% \/ 0%\s+100% \/ 100%\s+0% \/ 0%/);
    expect(out).toMatch(/2026-01-12\s+2\s+50%\s+7\.0 d\s+50% \/ 0%\s+100% \/ 50%\n/);
    expect(out).toContain('3 people, 3 bought, 2 more than once (repeat-purchase rate 67%), median time between purchases 11.0 d');
    expect(out).toMatch(/paid_search\s+1\s+1\s+100%\s+14\.0 d\s+100%\s+0%/);
  });

  it('prints CSV (one row per cohort and later period) and JSON, by touchpoint or month', async () => {
    const csv = await capture(report, ['retention', '--db', db, '--site', 'shop', '--from', '2026-01-05', '--to', '2026-02-01', '--format', 'csv']);
    const lines = csv.out.split('\r\n');
    expect(lines[0]).toBe('channel,cohort,people,buyers,repeat_buyers,repeat_purchase_rate,median_ms_between_purchases,offset,period,returned,returned_share,bought_again,bought_again_share');
    expect(lines[1]).toBe(',2026-01-05,1,1,1,1,1209600000,1,2026-01-12,1,1,0,0');
    const json = await capture(report, ['retention', '--db', db, '--site', 'shop', '--from', '2026-01-05', '--by', 'touchpoint', '--period', 'month', '--format', 'json']);
    expect(JSON.parse(json.out)).toMatchObject({ by: 'touchpoint', period: 'month', total: { people: 4 } });
  });

  it('exits 2 on a wrong --by or --period', async () => {
    expect((await capture(report, ['retention', '--db', db, '--by', 'visit'])).code).toBe(2);
    const { code, err } = await capture(report, ['retention', '--db', db, '--period', 'day']);
    expect(code).toBe(2);
    expect(err).toContain('--period must be week or month, got "day"');
  });
});

describe('touchpoint-collector person', () => {
  it("prints one person's touchpoints across browsers as a table", async () => {
    const { code, out } = await capture(person, ['--db', db, '--site', 'shop', '--anonymous', 'a2']);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('Person u:ana on shop — 5 touchpoints');
    expect(lines[1]).toBe('user ids: ana; browsers: a1, a2');
    expect(lines[5]).toMatch(/^2026-01-05 10:00:00\s+ad_landing\s+before\s+pre_touch\s+neutral\s+paid_search\s+google \/ cpc \/ trail\s+\/\s+a1$/);
    expect(lines[7]).toMatch(/^2026-01-07 12:00:00\s+purchase\s+during\s+prime\s+positive\s+direct\s+\/gracias\s+a2$/);
  });

  it('prints JSON with --json and bounds it with --limit', async () => {
    const { code, out } = await capture(person, ['--db', db, '--site', 'shop', '--user', 'carl', '--json', '--limit', '2']);
    expect(code).toBe(0);
    const t = JSON.parse(out);
    expect(t.person).toMatchObject({ key: 'u:carl', anonymousIds: ['c1'] });
    expect(t.touchpoints.map((e: { name: string }) => e.name)).toEqual(['page_view', 'purchase']);
    expect(t.truncated).toBe(true);
  });

  it('exits 2 without exactly one of --user and --anonymous, or without --site', async () => {
    expect((await capture(person, ['--db', db, '--site', 'shop'])).code).toBe(2);
    expect((await capture(person, ['--db', db, '--site', 'shop', '--user', 'a', '--anonymous', 'b'])).code).toBe(2);
    const { code, err } = await capture(person, ['--db', db, '--user', 'ana']);
    expect(code).toBe(2);
    expect(err).toContain('--site is required');
  });
});

describe('touchpoint-collector forget', () => {
  it('refuses to erase without --yes when stdin is not a terminal', async () => {
    const { code, err } = await capture(forget, ['--db', db, '--site', 'shop', '--user', 'carl']);
    expect(code).toBe(2);
    expect(err).toContain('pass --yes');
  });

  it('erases a person with --yes and prints the rows deleted per table', async () => {
    const { code, out } = await capture(forget, ['--db', db, '--site', 'shop', '--anonymous', 'c1', '--yes']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Erased person u:carl of shop\. Rows deleted:\n  events\s+5\n  identity_links\s+1\n  user_merges\s+0\n  identity_conflicts\s+0\n  journey_days\s+\d+\n  journey_steps\s+\d+\n  email_links\s+(\(no such table\)|0)\n/);
    expect(out).toContain('Suppressed from now on: 1 user id(s), 1 anonymous id(s) (2 new)');
    const after = await capture(person, ['--db', db, '--site', 'shop', '--user', 'carl', '--json']);
    expect(JSON.parse(after.out).touchpoints).toEqual([]);
    const store = openSqliteStore(db);
    const audit = await store.query<{ action: string; actor: string }>("SELECT action, actor FROM audit_log WHERE action = 'person.forget'");
    await store.close();
    expect(audit).toEqual([{ action: 'person.forget', actor: expect.stringMatching(/^cli:/) }]);
  });
});
