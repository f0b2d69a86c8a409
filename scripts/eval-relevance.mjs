// Prints the relevance evaluation (test/relevance-eval): agreement of the ad checker's verdicts with the
// labels, overall and per category, and per-verdict precision and recall, for the tuning and the held-out
// half. Runs the built package: `node scripts/build.mjs` first.
//   node scripts/eval-relevance.mjs                 both halves' figures
//   node scripts/eval-relevance.mjs --half tuning   also list the tuning half's disagreements (for tuning)
//   node scripts/eval-relevance.mjs --half heldOut  also list the held-out half's (after tuning only)
import { evaluate } from '../test/relevance-eval/run-eval.mjs';

const checker = await import('../packages/collector/dist/check-ads/index.js');
const half = process.argv.includes('--half') ? process.argv[process.argv.indexOf('--half') + 1] : undefined;
const pct = (x) => `${(100 * x).toFixed(1)} %`;
const { rows, tuning, heldOut } = await evaluate(checker);

for (const [name, m] of [['tuning', tuning], ['held-out', heldOut]]) {
  console.log(`\n${name} half: ${m.agree}/${m.n} agree (${pct(m.rate)})`);
  for (const [c, v] of Object.entries(m.categories).sort()) console.log(`  ${c.padEnd(10)} ${String(v.agree).padStart(2)}/${String(v.n).padEnd(2)} ${pct(v.rate)}`);
  console.log('  verdict     precision  recall');
  for (const [f, v] of Object.entries(m.flags)) console.log(`  ${f.padEnd(10)} ${pct(v.precision).padStart(9)} ${pct(v.recall).padStart(8)}   (${v.tp} right of ${v.predicted} given, ${v.actual} labelled)`);
}
if (half) {
  const wrong = rows.filter((r) => r.half === half && r.got !== r.expect);
  console.log(`\n${half} disagreements (${wrong.length}):`);
  for (const r of wrong) console.log(`  ${r.id} [${r.category}] expected ${r.expect}, got ${r.got} (score ${r.score}): ${r.problems.join('; ') || 'ok'}`);
}
