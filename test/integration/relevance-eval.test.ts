// The relevance evaluation (test/relevance-eval, issue 24) as a gate: the checker's verdicts must agree
// with the labels on ≥ 95 % of the held-out half, and on ≥ 90 % of each category there. The tuning half
// is held to the same bar so a regression shows wherever it lands. `node scripts/eval-relevance.mjs`
// prints the figures.
import { describe, expect, it } from 'vitest';
import * as checker from '@touchpoint/collector/check-ads';
import { evaluate } from '../relevance-eval/run-eval.mjs';

interface Row { id: string; expect: string; got: string }

describe('relevance evaluation', () => {
  it('agrees with the labels: ≥ 95 % on each half, no category below 90 %', async () => {
    const { tuning, heldOut, rows } = await evaluate(checker);
    expect(rows).toHaveLength(89);
    for (const [name, m] of [['held-out', heldOut], ['tuning', tuning]] as const) {
      expect(m.rate, `${name}: ${rows.filter((r: Row) => r.got !== r.expect).map((r: Row) => `${r.id} ${r.expect}→${r.got}`).join(', ')}`).toBeGreaterThanOrEqual(0.95);
      for (const [category, c] of Object.entries(m.categories)) expect(c.rate, `${name} ${category}`).toBeGreaterThanOrEqual(0.9);
    }
  });
});
