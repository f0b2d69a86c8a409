// Times each report on 1,000,000 touchpoints over 100,000 visitors (30 days, one site): SQLite always,
// PostgreSQL too with --pg [URL]. The seeded database is kept ($TMPDIR/touchpoint-bench-reports.db, or schema
// bench_reports) and reused on the next run. Target: ≤ 1 s per report.
// "cpu ms" is this process's CPU time per report (median): on SQLite all the work, so on a machine whose
// cores are shared it shows the cost the wall-clock time hides; on PostgreSQL the server's CPU is not in it.
//
//   node scripts/bench-reports.mjs [--events 1000000] [--visitors 100000] [--runs 3] [--pg [URL]] [--pg-schema bench_reports] [--skip-sqlite] [--reseed] [--people]
//
// --people (issue 21, docs/identity.md): the visitors are people, 30 % of them identified (their events
// from the third onwards carry a user id, so the store links the browser) and 10 % on two devices (the
// last 40 % of their events from a second browser, arriving direct, identified there too). Kept in its
// own database (…-people.db, schema bench_reports_people unless --pg-schema). Besides the reports, it times the two
// readings of people: (B, built) the rollup keyed by person, as the journey report reads it, and (A) a
// rollup keyed by browser (built here from the events, `journey_days_browser`) joined to identity_links
// and grouped by person at read time.
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
    people: { type: 'boolean', default: false },
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

/** One person's touchpoints (--people): identified from the third event on for 30 %, a second device for 10 %. */
function* personEvents(v, budget) {
  // Exactly 30 % and 10 % (by person number, not the generator, whose draws are not independent enough).
  const identified = v % 10 < 3;
  const twoDevices = v % 10 === 0;
  const identifyAt = Math.min(2, budget - 1);
  const switchAt = Math.ceil(budget * 0.6);
  let i = 0;
  for (const e of visitorEvents(v, budget)) {
    if (twoDevices && i >= switchAt) Object.assign(e, { visitor: `v${v}-b`, session: `${e.session}-b`, channel: 'direct', campaign: undefined });
    if (identified && (i >= identifyAt || (twoDevices && i >= switchAt))) e.user = `user${v}`;
    i++;
    yield e;
  }
}
const eventsOf = values.people ? personEvents : visitorEvents;

async function seedIfNeeded(store, label) {
  const [{ n }] = await store.query('SELECT COUNT(*) AS n FROM events WHERE site = ?', [SITE]);
  if (Number(n) === EVENTS && !values.reseed) {
    console.log(`${label}: reusing ${EVENTS.toLocaleString('en')} seeded touchpoints`);
    return;
  }
  // Everything of the site, the rollup and identity rows too (they are not derived from `events` on write).
  if (Number(n) > 0) for (const table of ['events', 'journey_days', 'identity_links', 'user_merges', 'identity_conflicts']) await store.query(`DELETE FROM ${table} WHERE site = ?`, [SITE]);
  state = 42;
  const started = performance.now();
  const perVisitor = EVENTS / VISITORS;
  let batch = [];
  let written = 0;
  for (let v = 0; v < VISITORS; v++) {
    // Budgets vary around the mean but sum exactly to EVENTS.
    const budget = Math.round((v + 1) * perVisitor) - Math.round(v * perVisitor);
    for (const e of eventsOf(v, budget)) {
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
  console.log(`${label}: seeded ${written.toLocaleString('en')} touchpoints over ${VISITORS.toLocaleString('en')} ${values.people ? 'people' : 'visitors'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (values.people) await buildBrowserRollup(store);
  // VACUUM as autovacuum would on a live database: until the visibility map is set PostgreSQL cannot
  // answer from the covering report indexes alone.
  // journey_days too: re-keying rows when links are written leaves dead tuples autovacuum would clear.
  if (store.dialect === 'postgres') for (const table of ['events', 'journey_days', 'identity_links']) await store.query(`VACUUM (ANALYZE) ${table}`);
  else await store.query('ANALYZE');
}

// Reading A's rollup: journey_days as it was before migration 10, keyed by browser (the anonymous id, else
// the user id as its person key, else the session), from the seeded events.
const SLOTS = [['phase', 'before'], ['phase', 'during'], ['phase', 'after'], ['p5', 'pre_touch'], ['p5', 'first_touch'], ['p5', 'pivotal'], ['p5', 'prime'], ['p5', 'post']];
const SLOT_COLUMNS = SLOTS.map((_, i) => `f${i}, n${i}`).join(', ');
async function buildBrowserRollup(store) {
  const big = store.dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  const started = performance.now();
  await store.query('DROP TABLE IF EXISTS journey_days_browser');
  await store.query(`CREATE TABLE journey_days_browser (site TEXT NOT NULL, visitor TEXT NOT NULL, channel TEXT NOT NULL, day INTEGER NOT NULL, first_ts ${big} NOT NULL,
    ${SLOTS.map((_, i) => `f${i} ${big}, n${i} INTEGER NOT NULL`).join(', ')}, PRIMARY KEY (site, visitor, channel, day))${store.dialect === 'sqlite' ? ' WITHOUT ROWID' : ''}`);
  await store.query(`INSERT INTO journey_days_browser (site, visitor, channel, day, first_ts, ${SLOT_COLUMNS})
    SELECT site, COALESCE(anonymous_id, 'u:' || user_id, session_id), channel, ts / 86400000, MIN(ts), ${SLOTS.map(([m, st]) => `MIN(CASE WHEN ${m} = '${st}' THEN ts END), SUM(CASE WHEN ${m} = '${st}' THEN 1 ELSE 0 END)`).join(', ')}
    FROM events WHERE site = ? AND is_bot = 0 AND phase IS NOT NULL AND p5 IS NOT NULL GROUP BY 1, 2, 3, 4`, [SITE]);
  if (store.dialect === 'postgres') await store.query('VACUUM (ANALYZE) journey_days_browser');
  else await store.query('ANALYZE');
  console.log(`built journey_days_browser (reading A's rollup) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** The rows query of each reading (whole days): person × channel rows in person order, as the journey report folds them. */
function readings(store, filter) {
  const firstDay = Math.ceil(filter.from / DAY);
  const endDay = Math.floor(filter.to / DAY);
  const aggregates = SLOTS.map((_, i) => `MIN(f${i}), SUM(n${i})`).join(', ');
  return {
    // B: what reports/journey-days.ts runs on journey_days for a whole-day range.
    'B: rollup keyed by person': () => store.queryArrays(`SELECT visitor, channel, MIN(first_ts), ${aggregates}
      FROM (SELECT visitor, channel, first_ts, ${SLOT_COLUMNS} FROM journey_days WHERE site = ? AND day >= ? AND day < ?) parts
      GROUP BY visitor, channel ORDER BY visitor, channel`, [SITE, firstDay, endDay]),
    // A: the browser-keyed rollup mapped to people when the report runs.
    'A: browser rollup + identity_links at read time': () => store.queryArrays(`SELECT COALESCE(il.person_key, j.visitor) AS person, j.channel, MIN(j.first_ts), ${aggregates.replace(/\((f|n)/g, '(j.$1')}
      FROM journey_days_browser j LEFT JOIN identity_links il ON il.site = j.site AND il.anonymous_id = j.visitor
      WHERE j.site = ? AND j.day >= ? AND j.day < ? GROUP BY 1, 2 ORDER BY 1, 2`, [SITE, firstDay, endDay]),
  };
}

async function timed(fn) {
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
  return { result, median: times[Math.floor(times.length / 2)], min: times[0], max: times.at(-1), cpu: cpu[Math.floor(cpu.length / 2)] };
}

async function bench(store, label) {
  await seedIfNeeded(store, label);
  const filter = { site: SITE, from: T0, to: T0 + 31 * DAY };
  if (values.people) {
    const [{ n }] = await store.query("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = 'journey_days_browser'").catch(() => [{ n: 0 }]);
    if (store.dialect === 'sqlite' ? (await store.query("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'journey_days_browser'"))[0].n === 0 : Number(n) === 0) await buildBrowserRollup(store);
    const rows = [];
    const results = [];
    for (const [name, fn] of Object.entries(readings(store, filter))) {
      const t = await timed(fn);
      results.push(t.result.map((r) => JSON.stringify(r.map((x) => (x === null ? null : typeof x === 'string' ? x : Number(x))))).sort());
      rows.push({ store: label, reading: name, 'median ms': Math.round(t.median), 'min ms': Math.round(t.min), 'max ms': Math.round(t.max), 'cpu ms': Math.round(t.cpu), rows: t.result.length, people: new Set(t.result.map((r) => r[0])).size });
    }
    console.table(rows);
    // Both readings must give the report the same rows, or the timings compare different answers.
    console.log(`${label}: readings A and B return ${results[0].join('\n') === results[1].join('\n') ? 'the same rows' : 'DIFFERENT rows'}`);
  }
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
    const size = name in marketerReports(store, filter) ? marketerSize(result) : name === 'journey' ? `${result.visitors} ${values.people ? `people, ${result.identifiedPeople} identified` : 'visitors'}` : name === 'ads' ? `${result.rows.length} rows` : name === 'retention' ? `${result.cohorts.length} cohorts, ${result.total.people} people` : `${result.touchpoints.length} touchpoints`;
    rows.push({ store: label, report: name, 'median ms': Math.round(median), 'min ms': Math.round(times[0]), 'max ms': Math.round(times.at(-1)), 'cpu ms': Math.round(cpu[Math.floor(cpu.length / 2)]), result: size, target: median <= 1000 ? 'ok ≤ 1 s' : 'SLOW > 1 s' });
  }
  console.table(rows);
  return rows;
}

const dbPath = join(tmpdir(), values.people ? 'touchpoint-bench-reports-people.db' : 'touchpoint-bench-reports.db');
if (values.reseed) rmSync(dbPath, { force: true });
const all = [];
if (!values['skip-sqlite']) {
  const sqlite = openSqliteStore(dbPath);
  all.push(...(await bench(sqlite, 'SQLite')));
  await sqlite.close();
}
if (values.pg !== undefined) {
  const url = typeof values.pg === 'string' && values.pg ? values.pg : process.env.TOUCHPOINT_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const pg = await openStore({ pg: url, pgSchema: values.people && values['pg-schema'] === 'bench_reports' ? 'bench_reports_people' : values['pg-schema'] });
  all.push(...(await bench(pg, 'PostgreSQL')));
  await pg.close();
}
process.exitCode = all.every((r) => r.target.startsWith('ok')) ? 0 : 1;
