// Times each report on 1,000,000 touchpoints over 100,000 visitors (30 days, one site): SQLite always,
// PostgreSQL too with --pg [URL]. The seeded database is kept ($TMPDIR/touchpoint-bench-reports.db, or schema
// bench_reports) and reused on the next run. Target: ≤ 1 s per report.
// "cpu ms" is this process's CPU time per report (median): on SQLite all the work, so on a machine whose
// cores are shared it shows the cost the wall-clock time hides; on PostgreSQL the server's CPU is not in it.
//
//   node scripts/bench-reports.mjs [--events 1000000] [--visitors 100000] [--runs 3] [--pg [URL]] [--pg-schema bench_reports] [--skip-sqlite] [--reseed]
//
// Needs the built collector: node scripts/build.mjs
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importCollector } from './lib/collector-dist.mjs';
import { importCollectorFixture } from './lib/collector-fixture.mjs';

// `--pg` takes an optional URL: a bare `--pg` followed by another flag must not swallow that flag.
const argv = process.argv.slice(2);
const args = argv.map((a, i) => (a === '--pg' && (i + 1 === argv.length || argv[i + 1].startsWith('--')) ? '--pg=' : a));
const { values } = parseArgs({
  args,
  options: {
    events: { type: 'string', default: '1000000' },
    visitors: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    pg: { type: 'string' },
    'pg-schema': { type: 'string', default: 'bench_reports' },
    reseed: { type: 'boolean', default: false },
    'skip-sqlite': { type: 'boolean', default: false },
  },
  allowPositionals: true,
  strict: false,
});
const { openSqliteStore, openStore, journeyReport, adsReport, feedbackReport, retentionReport } = await importCollector();
// The marketer's reports (issue 23), timed on the same data.
const { attributionReport, funnelReport, weakTouchpointsReport } = await importCollector();
const marketerReports = (store, filter) => ({
  attribution: () => attributionReport(store, filter),
  funnel: () => funnelReport(store, filter),
  'weak-touchpoints': () => weakTouchpointsReport(store, filter),
});
const marketerSize = (r) => (r.rows ? `${r.rows.length} rows` : r.items ? `${r.items.length} items` : `${r.overall[0].people} people`);
// The seeding helper the report tests use (test support, not part of the package).
const { toStoredEvent } = await importCollectorFixture('reports/sample-events.fixture.ts');

const EVENTS = Number(values.events);
const VISITORS = Number(values.visitors);
const RUNS = Number(values.runs);
const SITE = 'bench';
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

// A deterministic pseudo-random generator, so every run seeds the same data.
let state = 42;
const rand = () => ((state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32);
const pick = (list) => list[Math.floor(rand() * list.length)];

const CAMPAIGNS = Array.from({ length: 20 }, (_, i) => ({
  source: pick(['google', 'meta', 'bing', 'tiktok']), medium: pick(['cpc', 'paid_social']), campaign: `camp-${i}`,
  term: pick(['zapatillas trail', 'running shoes', 'botas montaña', 'rebajas']), content: `ad-${i}`,
}));
const PAGES = ['/', '/es/trail', '/es/botas', '/en/running', '/registro', '/ofertas', '/blog/guia'];

/** One visitor's journey: an ad landing for half, page views, and a funnel that thins out. */
function* visitorEvents(v, budget) {
  const visitor = `v${v}`;
  let ts = T0 + Math.floor(rand() * 29 * DAY);
  let session = `${visitor}-s0`;
  let n = 0;
  const channel = rand() < 0.5 ? 'paid_search' : pick(['direct', 'organic_search', 'social', 'email', 'referral']);
  const step = () => (ts += Math.floor(rand() * 120_000) + 1000);
  const ev = (name, extra = {}) => {
    n++;
    return { name, ts: step(), visitor, session, channel, ...extra };
  };
  if (channel === 'paid_search') {
    const c = pick(CAMPAIGNS);
    const path = pick(PAGES);
    yield ev('ad_landing', { path, campaign: c, title: `Página ${path}`, properties: { path, title: `Zapatillas ${path}`, h1: 'Zapatillas de trail', is_home: path === '/', is_form: path === '/registro' } });
  }
  while (n < budget) {
    const path = pick(PAGES);
    yield ev('page_view', { path, title: `Página ${path}` });
    if (n < budget) yield ev('web_vitals', { path, properties: { metric: 'LCP', value: Math.floor(800 + rand() * 4000), rating: 'good', page_view_id: 'x' } });
    const r = rand();
    if (r < 0.12 && n < budget) yield ev('sign_up', { path: '/registro' });
    else if (r < 0.2 && n + 4 <= budget) {
      yield ev('begin_checkout', { path: '/checkout' });
      if (rand() < 0.7) yield ev('add_shipping_info', { path: '/checkout' });
      if (rand() < 0.6) yield ev('add_payment_info', { path: '/checkout' });
      if (rand() < 0.5) yield ev('purchase', { path: '/gracias' });
    } else if (r < 0.24 && n < budget) yield ev('support_open', { path: '/ayuda', properties: { widget: 'crisp' } });
    else if (r < 0.3 && n < budget) yield ev('feedback', { path: '/gracias', properties: { score: Math.floor(rand() * 11), scale: 'nps', touchpoint: pick(['purchase', 'sign_up', 'support_open']) } });
    if (rand() < 0.15) {
      session = `${visitor}-s${n}`; // a new visit
      ts += Math.floor(DAY * rand());
    }
  }
}

async function seedIfNeeded(store, label) {
  const [{ n }] = await store.query('SELECT COUNT(*) AS n FROM events WHERE site = ?', [SITE]);
  if (Number(n) === EVENTS && !values.reseed) {
    console.log(`${label}: reusing ${EVENTS.toLocaleString('en')} seeded touchpoints`);
    return;
  }
  if (Number(n) > 0) await store.query('DELETE FROM events WHERE site = ?', [SITE]);
  state = 42;
  const started = performance.now();
  const perVisitor = EVENTS / VISITORS;
  let batch = [];
  let written = 0;
  for (let v = 0; v < VISITORS; v++) {
    // Budgets vary around the mean but sum exactly to EVENTS.
    const budget = Math.round((v + 1) * perVisitor) - Math.round(v * perVisitor);
    for (const e of visitorEvents(v, budget)) {
      batch.push(toStoredEvent(SITE, { ...e, id: `e${written + batch.length}` }));
      if (batch.length === 5000) {
        await store.write(batch);
        written += batch.length;
        batch = [];
        if (process.stdout.isTTY) process.stdout.write(`\r${label}: seeding ${written.toLocaleString('en')}…`);
      }
    }
  }
  if (batch.length) await store.write(batch);
  written += batch.length;
  if (process.stdout.isTTY) process.stdout.write('\r');
  console.log(`${label}: seeded ${written.toLocaleString('en')} touchpoints over ${VISITORS.toLocaleString('en')} visitors in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // VACUUM as autovacuum would on a live database: until the visibility map is set PostgreSQL cannot
  // answer from the covering report indexes alone.
  if (store.dialect === 'postgres') await store.query('VACUUM (ANALYZE) events');
  else await store.query('ANALYZE');
}

async function bench(store, label) {
  await seedIfNeeded(store, label);
  const filter = { site: SITE, from: T0, to: T0 + 31 * DAY };
  const reports = { journey: () => journeyReport(store, filter), ads: () => adsReport(store, filter), feedback: () => feedbackReport(store, filter), ...marketerReports(store, filter) };
  // Retention: weekly cohorts by first purchase, per person (reports/retention.ts).
  reports.retention = () => retentionReport(store, filter);
  const rows = [];
  for (const [name, fn] of Object.entries(reports)) {
    const times = [];
    const cpu = [];
    let result;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const c = process.cpuUsage();
      result = await fn();
      times.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const size = name in marketerReports(store, filter) ? marketerSize(result) : name === 'journey' ? `${result.visitors} visitors` : name === 'ads' ? `${result.rows.length} rows` : name === 'retention' ? `${result.cohorts.length} cohorts, ${result.total.people} people` : `${result.touchpoints.length} touchpoints`;
    rows.push({ store: label, report: name, 'median ms': Math.round(median), 'min ms': Math.round(times[0]), 'max ms': Math.round(times.at(-1)), 'cpu ms': Math.round(cpu[Math.floor(cpu.length / 2)]), result: size, target: median <= 1000 ? 'ok ≤ 1 s' : 'SLOW > 1 s' });
  }
  console.table(rows);
  return rows;
}

const dbPath = join(tmpdir(), 'touchpoint-bench-reports.db');
if (values.reseed) rmSync(dbPath, { force: true });
const all = [];
if (!values['skip-sqlite']) {
  const sqlite = openSqliteStore(dbPath);
  all.push(...(await bench(sqlite, 'SQLite')));
  await sqlite.close();
}
if (values.pg !== undefined) {
  const url = typeof values.pg === 'string' && values.pg ? values.pg : process.env.TOUCHPOINT_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const pg = await openStore({ pg: url, pgSchema: values['pg-schema'] });
  all.push(...(await bench(pg, 'PostgreSQL')));
  await pg.close();
}
process.exitCode = all.every((r) => r.target.startsWith('ok')) ? 0 : 1;
