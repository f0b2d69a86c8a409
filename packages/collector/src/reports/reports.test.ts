import { P5_STAGES, PHASES } from '@touchpoint/schema';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite.js';
import { feedbackReport, sentimentOf } from './feedback.js';
import { seed } from './sample-events.fixture.js';
import { describePeopleReports } from './people-dataset.fixture.js';
import { describeReports } from './report-suite.fixture.js';
import { adsReport } from './ads.js';
import { STAGE_SLOTS } from './journey-days.js';

describeReports('SQLite', () => openSqliteStore(':memory:'));
describePeopleReports('SQLite', () => openSqliteStore(':memory:'));

describe('journey stage slots', () => {
  it('are the phases, then the P5 stages, as the journey_days columns hold them', () => {
    expect(STAGE_SLOTS).toEqual([...PHASES.map((s) => ['phase', s]), ...P5_STAGES.map((s) => ['p5', s])]);
  });
});

describe('sentimentOf', () => {
  it.each([
    [30, null, 'positive'], [29, null, 'neutral'], [0, null, 'neutral'], [-1, null, 'negative'],
    [null, 0.8, 'positive'], [null, 0.79, 'neutral'], [null, 0.59, 'negative'],
    [50, 0.9, 'positive'], [50, 0.7, 'neutral'], [50, 0.5, 'negative'], [null, null, 'neutral'],
  ] as const)('NPS %s, CSAT %s → %s', (nps, csat, expected) => expect(sentimentOf(nps, csat)).toBe(expected));
});

describe('reports on edge data', () => {
  it('ignores feedback outside its scale and counts it', async () => {
    const store = openSqliteStore(':memory:');
    await seed(store, 's', [
      { name: 'feedback', ts: 1, visitor: 'a', session: 'a', properties: { score: 11, scale: 'nps', touchpoint: 'purchase' } },
      { name: 'feedback', ts: 2, visitor: 'a', session: 'a', properties: { score: 0, scale: 'csat', touchpoint: 'purchase' } },
      { name: 'feedback', ts: 3, visitor: 'a', session: 'a', properties: { score: 9, scale: 'nps' } },
    ]);
    const r = await feedbackReport(store, { site: 's' });
    expect(r.ignored).toBe(2);
    expect(r.touchpoints).toMatchObject([{ touchpoint: '(unspecified)', phase: null, nps: 100, sentiment: 'positive' }]);
    await store.close();
  });

  it('flags a landing on a bare registration form and returns no rows without landings', async () => {
    const store = openSqliteStore(':memory:');
    expect((await adsReport(store, { site: 's' })).rows).toEqual([]);
    await seed(store, 's', [{ name: 'ad_landing', ts: 1, visitor: 'a', session: 'a', path: '/registro', campaign: { source: 'g', term: 'registro' },
      properties: { path: '/registro', title: 'Registro', is_home: false, is_form: true } }]);
    const { rows } = await adsReport(store, { site: 's' });
    expect(rows[0]!.flags.map((f) => f.message)).toEqual(['page is only a registration form', 'high bounce: 100%']);
    await store.close();
  });
});
