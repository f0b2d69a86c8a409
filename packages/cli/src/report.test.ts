import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleEvents, seed } from '../../collector/src/reports/sample-events.fixture.js';
import { saveCatalogue, saveCheckResults } from '@touchpoint/collector/check-ads';
import { openSqliteStore } from '@touchpoint/collector/sqlite';
import { run } from './report.js';

const dir = mkdtempSync(join(tmpdir(), 'tp-report-'));
const db = join(dir, 'r.db');
beforeAll(async () => {
  const store = openSqliteStore(db);
  await seed(store, 'shop', sampleEvents());
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
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

describe('touchpoint-collector report', () => {
  it('prints the journey as readable tables', async () => {
    const { code, out } = await capture(['journey', '--db', db, '--site', 'shop']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Journey — 4 people \(0 identified\), 18 touchpoints/);
    expect(out).toMatch(/before\s+4\s+9\s+50% to during\s+11\.0 min\s+page_view \(4\), ad_landing \(3\), sign_up \(2\)/);
    expect(out).toMatch(/begin_checkout\s+2\s+1\s+50%/);
    expect(out).toContain('6 touchpoints from bots hidden');
  });

  it('prints attribution with the model picked, the funnel and what to fix first; bad flags are usage errors', async () => {
    const attribution = await capture(['attribution', '--db', db, '--site', 'shop', '--model', 'first_touch', '--by', 'campaign', '--lookback-days', '7']);
    expect(attribution.code).toBe(0);
    expect(attribution.out).toMatch(/^Attribution by campaign — model first_touch, lookback 7 days/);
    expect(attribution.out).toMatch(/trail\s+1\s+1\s+EUR\s+1\s+80\.00\s+0\.00\s+80\.00\s+80\.00/);
    const csv = await capture(['attribution', '--db', db, '--site', 'shop', '--format', 'csv']);
    expect(csv.out.split('\r\n')[0]).toBe('model,lookback_days,channel,sign_ups,purchases,currency,orders,gross,refunds,net,average_order_value');
    const funnel = await capture(['funnel', '--db', db, '--site', 'shop', '--format', 'csv', '--steps', 'begin_checkout,purchase']);
    expect(funnel.out.split('\r\n').slice(0, 3)).toEqual(['segment,step,people,drop_off,conversion', 'all,begin_checkout,2,0,', 'all,purchase,1,1,0.5']);
    const weak = await capture(['weak-touchpoints', '--db', db, '--site', 'shop', '--format', 'json', '--bots']);
    expect(JSON.parse(weak.out).items.length).toBeGreaterThan(0);
    expect((await capture(['attribution', '--db', db, '--model', 'phase'])).code).toBe(2);
    expect((await capture(['attribution', '--db', db, '--by', 'country'])).code).toBe(2);
    expect((await capture(['attribution', '--db', db, '--lookback-days', '0'])).code).toBe(2);
  });

  it('prints JSON and CSV for the other reports', async () => {
    const ads = await capture(['ads', '--db', db, '--site', 'shop', '--format', 'json']);
    expect(JSON.parse(ads.out).rows[0].flags[0].message).toBe('lands on the home page');
    const csv = await capture(['feedback', '--db', db, '--format', 'csv', '--from', '2026-01-05', '--to', '2026-01-05']);
    expect(csv.out.split('\r\n')[0]).toBe('touchpoint,phase,p5,NPS,NPS answers,CSAT,CSAT answers,class');
    expect(csv.out).toContain('sign_up,before,pivotal,-100,1,—,0,negative');
  });

  it('matches a catalogue file for one run, its bad rows listed by line', async () => {
    const file = join(dir, 'ads.csv');
    writeFileSync(file, 'ad_id,campaign,headline,keywords\nad-trail,trail,Zapatillas de trail impermeables,montaña\n,broken,,\n');
    const once = await capture(['ads', '--db', db, '--site', 'shop', '--format', 'json', '--catalogue', file]);
    expect(JSON.parse(once.out).rows.find((r: { adId: string | null }) => r.adId === 'ad-trail').relevance).toBe(50);
    expect(once.err).toContain(`${file}:3: ad_id: missing`);
    expect(once.code).toBe(0);
  });

  it('says whose verdict a landing shows: a check, with its date, or the visitors\' signals', async () => {
    const checkedDb = join(dir, 'checked.db');
    const store = openSqliteStore(checkedDb);
    await seed(store, 'shop', sampleEvents());
    await saveCatalogue(store, 'shop', [{ adId: 'ad-trail', campaign: 'trail', term: 'zapatillas trail', keywords: [], landingUrl: 'https://shop.example/es/trail?utm_content=ad-trail' }]);
    const form = { en: 'page is only a registration form', es: 'la página es solo un formulario de registro' };
    await saveCheckResults(store, 'shop', [{
      adId: 'ad-trail', landingUrl: 'https://shop.example/es/trail?utm_content=ad-trail', finalUrl: 'https://shop.example/es/trail', status: 200, redirects: [], droppedParams: [],
      signals: { noindex: false, isHome: false, isForm: true, contentWords: 4 },
      relevance: { score: 62, matched: ['zapatillas', 'trail'], missing: [], inHeadline: true, brandAd: false, lang: 'es', flags: [], reason: 'relevance 62/100', reasons: { en: 'relevance 62/100', es: 'relevancia 62/100' } },
      problems: [{ code: 'form_page', message: form.en, messages: form, weight: 45 }], ok: false, checkedAt: Date.UTC(2026, 0, 6, 9, 30),
    }]);
    await store.close();
    const table = await capture(['ads', '--db', checkedDb, '--site', 'shop']);
    const trailRow = table.out.split('\n').find((l) => l.includes('/es/trail'))!;
    expect(trailRow).toContain('check 2026-01-06 09:30 UTC');
    expect(trailRow).toContain('page is only a registration form');
    expect(table.out.split('\n').find((l) => l.includes('rebajas'))).toContain('visitors');
    const csv = (await capture(['ads', '--db', checkedDb, '--site', 'shop', '--format', 'csv'])).out.split('\r\n');
    expect(csv[0]).toMatch(/,flags,verdict_source,checked_at$/);
    expect(csv.find((l) => l.includes('/es/trail'))).toMatch(/,check,2026-01-06T09:30:00\.000Z$/);
    // A period that ends before the check shows the visitors' verdict.
    const before = JSON.parse((await capture(['ads', '--db', checkedDb, '--site', 'shop', '--format', 'json', '--to', '2026-01-05'])).out);
    expect(before.rows.find((r: { path: string }) => r.path === '/es/trail')).toMatchObject({ relevanceSource: 'visitors', checkedAt: null, isForm: false });
  });

  it('explains usage errors with exit code 2', async () => {
    expect((await capture(['journey', '--db', db, '--format', 'xml'])).err).toMatch(/--format must be table, json or csv, got "xml"/);
    expect((await capture(['nope'])).code).toBe(2);
    const bad = await capture(['journey', '--db', db, '--from', 'last week']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--from: expected ms since epoch/);
    const missing = await capture(['journey', '--db', join(dir, 'missing.db')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such database');
    expect((await capture(['ads', '--db', db, '--catalogue', join(dir, 'none.csv')])).err).toContain('cannot read it (ENOENT)');
  });
});
