// Size budgets of the SDK's script-tag builds (issue 4 and 5), measured on the built dist files
// as users download them: minified, gzip level 9. Build first: node scripts/build.mjs
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const dist = new URL('../../packages/sdk/dist/', import.meta.url);
const gz = (file: string) => {
  const path = new URL(file, dist);
  if (!existsSync(path)) throw new Error(`${path.pathname} missing: run node scripts/build.mjs first`);
  const buf = readFileSync(path);
  return { min: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
};

// The budgets of issue 20 for the production builds. Two are not met yet with every behaviour kept: for
// those this suite holds the line at a ceiling at today's size, so no change can make them bigger unnoticed,
// and prints by how much they are over. When a build gets under its budget, drop its ceiling so the budget
// itself is enforced again. History: ceilings 4,985 / 6,465 B before the production builds dropped the
// message texts and the debug-only checks (issue 20: → 4,543 / 5,930 B), then named queue and sender
// members (+19 / +23 B), hash routes (+84 / +107 B) and the schema's one form-page rule shared with the ad
// checker, words counted per text node outside forms and the page's chrome (full build +136 B, issue 23),
// then issue 21's fetch `credentials` option for the identity cookie (+12 B core) and the e-mail link
// landing (tp_link taken from the URL: full build +65 B with the option).
// The Segment variant may cost up to 768 B on top of the default build (its e-commerce mapping): its
// budget and ceiling are the default build's plus 768 B.
const BUDGETS: Array<[file: string, bytes: number, what: string, ceiling?: number]> = [
  ['touchpoint.core.min.js', 4352, 'core: API, queue, transport, consent', 4639],
  ['touchpoint.min.js', 5632, 'full default build with all automatic touchpoints', 6238],
  ['touchpoint.segment.min.js', 5632 + 768, 'the default build plus the Segment format', 6238 + 768],
  ['touchpoint-vitals.min.js', 2560, 'web-vitals plugin'],
  ['touchpoint-widgets.min.js', 1024, 'opt-in chat widget adapters'],
  ['snippet.min.js', 512, 'async loader snippet'],
];

describe('sdk size budgets (min+gzip)', () => {
  for (const [file, budget, what, ceiling] of BUDGETS) {
    it(`${file} (${what}) ≤ ${ceiling ? `${ceiling} B today, budget ${budget} B not met yet` : `${budget} B`}`, () => {
      const s = gz(file);
      const over = s.gzip - budget;
      console.log(`${file.padEnd(26)} min ${String(s.min).padStart(6)} B  gzip ${String(s.gzip).padStart(5)} B  budget ${budget} B${over > 0 ? `  OVER by ${over} B` : ''}`);
      if (ceiling && over > 0) expect(s.gzip, `${file} grew to ${s.gzip} B min+gzip, past its ${ceiling} B ceiling (budget ${budget} B)`).toBeLessThanOrEqual(ceiling);
      else expect(s.gzip, `${file} is ${s.gzip} B min+gzip, over its ${budget} B budget by ${over} B`).toBeLessThanOrEqual(budget);
    });
  }

  it('the debug build (no budget: it carries every message) is measured too', () => {
    const s = gz('touchpoint.debug.min.js');
    console.log(`${'touchpoint.debug.min.js'.padEnd(26)} min ${String(s.min).padStart(6)} B  gzip ${String(s.gzip).padStart(5)} B  (debug, no budget)`);
    expect(s.gzip).toBeGreaterThan(gz('touchpoint.min.js').gzip);
  });

  it('the production builds carry codes, not the message table or the debug-only checks; the debug builds carry both', () => {
    const text = (f: string) => readFileSync(new URL(f, dist), 'utf8');
    for (const f of ['touchpoint.min.js', 'touchpoint.core.min.js', 'touchpoint.segment.min.js', 'index.js']) {
      expect(text(f), f).toMatch(/touchpoint: /);
      expect(text(f).replace(/\/\*\*[^]*?\*\//g, ''), f).not.toMatch(/must be an http|non-negative number|is not in this build|batchSize batchBytes/);
    }
    for (const f of ['touchpoint.debug.min.js', 'index.debug.js']) expect(text(f), f).toMatch(/must be an http[^]*non-negative number[^]*batchSize batchBytes/);
  });

  it('the core build carries no web-vitals and no automatic touchpoints', () => {
    const core = readFileSync(new URL('touchpoint.core.min.js', dist), 'utf8');
    expect(core).not.toMatch(/largest-contentful-paint|layout-shift/);
    expect(core).not.toMatch(/pushState/);
    const full = readFileSync(new URL('touchpoint.min.js', dist), 'utf8');
    expect(full).not.toMatch(/largest-contentful-paint/);
  });

  it('the Segment format (with its e-commerce mapping) costs at most 768 B on top of the default build, which leaves it out', () => {
    const [full, segment] = [gz('touchpoint.min.js'), gz('touchpoint.segment.min.js')];
    console.log(`Segment format: ${segment.gzip - full.gzip} B min+gzip on top of touchpoint.min.js`);
    expect(segment.gzip - full.gzip).toBeLessThanOrEqual(768);
    expect(readFileSync(new URL('touchpoint.min.js', dist), 'utf8')).not.toMatch(/Order Completed|product_id/);
    expect(readFileSync(new URL('touchpoint.core.min.js', dist), 'utf8')).not.toMatch(/Order Completed|product_id/);
    expect(readFileSync(new URL('touchpoint.segment.min.js', dist), 'utf8')).toMatch(/Order Completed[^]*product_id/);
  });

  it('the core build carries no typed helpers tables and the full build no chat widget adapters', () => {
    const core = readFileSync(new URL('touchpoint.core.min.js', dist), 'utf8');
    expect(core).not.toMatch(/checkout_step|chat:opened/);
    const full = readFileSync(new URL('touchpoint.min.js', dist), 'utf8');
    expect(full).not.toMatch(/chat:opened|HubSpotConversations|fcWidget/);
    expect(readFileSync(new URL('touchpoint-widgets.min.js', dist), 'utf8')).toMatch(/chat:opened/);
  });
});
