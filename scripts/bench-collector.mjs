#!/usr/bin/env node
// Collector throughput and latency next to a bare node:http server, measured in the same run.
//
//   node scripts/build.mjs && node scripts/bench-collector.mjs [--duration 5] [--connections 50] [--batches 1,20,100] [--store sqlite]
//   node scripts/bench-collector.mjs --breakdown   # CPU µs per event: pipeline alone, SQLite inserts alone
//   node scripts/bench-collector.mjs --identity [--store pg]   # CPU µs per stored event at batch 100, with and without identify traffic
//
// Each server runs in its own child process (the load generator must not share its event loop) on
// loopback. Bodies carry unique, time-ordered (UUIDv7-shaped) ids per event, so every request stores
// real rows. The bare server only reads and JSON.parses the body and answers 204: the ceiling for
// "receive a JSON batch" on this machine. Stores: `sqlite` here; other stores plug into STORES below.
// TOUCHPOINT_BENCH_WRITER=inline runs SQLite inserts on the request thread (default: writer thread);
// TOUCHPOINT_BENCH_PROFILE=DIR writes a V8 CPU profile of the collector process to DIR.
// The last two columns (Linux) are the cores kept busy by the server's main thread and by its busiest other
// thread (the SQLite writer): a thread near 1.0 is what caps the throughput.
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { importCollector } from './lib/collector-dist.mjs';

const SELF = fileURLToPath(import.meta.url);

/**
 * How to start a collector on each store, in the server child process. Each entry returns
 * `{ sink, close(): Promise<number /* rows stored *\/> }`; add `pg` / `stream` entries here.
 */
export const STORES = {
  async sqlite(collector) {
    const dir = mkdtempSync(join(tmpdir(), 'tp-bench-'));
    const store = collector.openSqliteStore(join(dir, 'bench.db'), { writer: process.env.TOUCHPOINT_BENCH_WRITER ?? 'thread' });
    return {
      sink: store,
      async close() {
        const [{ n }] = await store.query('SELECT COUNT(*) AS n FROM events');
        await store.close();
        rmSync(dir, { recursive: true, force: true });
        return n;
      },
    };
  },
  // PostgreSQL at TOUCHPOINT_PG_URL, in a schema of its own (TOUCHPOINT_BENCH_SCHEMA when several
  // collector processes share one, as in scripts/bench-scale-out.mjs). close() returns the rows stored.
  async pg(collector) {
    const url = process.env.TOUCHPOINT_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const shared = process.env.TOUCHPOINT_BENCH_SCHEMA;
    const schema = shared ?? `tp_bench_${process.pid}`;
    const store = await collector.openPostgresStore(url, { schema, poolSize: 10 });
    return {
      sink: store,
      async close() {
        const [{ n }] = await store.query('SELECT COUNT(*) AS n FROM events');
        if (!shared) await store.query(`DROP SCHEMA "${schema}" CASCADE`);
        await store.close();
        return n;
      },
    };
  },
  // JetStream at TOUCHPOINT_NATS_URL: the collector answers once JetStream acked every event.
  // close() returns the events accepted (messages in the stream; nothing consumes them during the run).
  async stream(collector) {
    const url = process.env.TOUCHPOINT_NATS_URL ?? 'nats://127.0.0.1:4222';
    const shared = process.env.TOUCHPOINT_BENCH_STREAM;
    const name = shared ?? `TP_BENCH_${process.pid}`;
    const sink = await collector.openStreamSink({ url, stream: name, subjectPrefix: `tpbench.${name}` });
    return {
      sink,
      async close() {
        const jsm = await collector.jetstreamManager(sink.connection);
        const { state } = await jsm.streams.info(name);
        if (!shared) await jsm.streams.delete(name);
        await sink.close();
        return state.messages;
      },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Server child: `--serve bare|collector`
// ---------------------------------------------------------------------------------------------

async function serve(kind, storeName) {
  let server;
  let finish = async () => 0;
  if (kind === 'bare') {
    server = createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        try {
          JSON.parse(Buffer.concat(chunks).toString('utf8'));
          res.writeHead(204).end();
        } catch {
          res.writeHead(400).end();
        }
      });
    });
  } else {
    const collector = await importCollector();
    const store = await STORES[storeName](collector);
    const handler = collector.createHandler({
      sink: store.sink,
      sites: [{ id: 'bench', origins: ['*'] }],
      log: collector.silentLogger,
      // The limiter stays in the path, with limits the bench never reaches.
      rateLimit: { perSecond: 1e9, burst: 1e9 },
    });
    server = createServer(collector.toNodeListener(handler));
    finish = async () => {
      await handler.drain();
      return store.close();
    };
  }
  server.keepAliveTimeout = 60_000;
  let cpuAtStart;
  server.listen(0, '127.0.0.1', () => {
    cpuAtStart = process.cpuUsage();
    process.send({ port: server.address().port });
  });
  process.on('message', async (m) => {
    if (m !== 'stop') return;
    // CPU time of the whole server process (all threads) under load: unlike req/s, it hardly moves
    // when other processes compete for the cores.
    const cpu = process.cpuUsage(cpuAtStart);
    server.close();
    server.closeAllConnections();
    process.send({ stored: await finish(), cpuMicros: cpu.user + cpu.system });
    process.exit(0);
  });
}

// ---------------------------------------------------------------------------------------------
// Load generator
// ---------------------------------------------------------------------------------------------

let seq = 0;
const hex = (n, w) => n.toString(16).padStart(w, '0').slice(-w);
const prefix = hex(process.pid, 4);
/** A unique UUIDv7-shaped id: ms timestamp first, so inserts land at the end of the (site, id) index. */
function uuid7() {
  const ms = Date.now();
  const s = seq++;
  return `${hex(Math.floor(ms / 65536), 8)}-${hex(ms % 65536, 4)}-7${hex(s >>> 20, 3)}-8${prefix.slice(0, 3)}-${hex(s, 12)}`;
}

/**
 * A batch body of `n` events, each with a fresh id; the rest of each event is a realistic page view.
 * With `identity`, the traffic of identified shoppers (docs/identity.md): 30 % of the 5,000 browsers
 * carry a user id (an identify was made there), and a third of those users have a second browser
 * (`-b`) identified as the same user, so the collector writes a link per browser once and then checks
 * the claims of every identified event.
 */
export function makeBody(n, identity = false) {
  const now = Date.now();
  const events = [];
  for (let i = 0; i < n; i++) {
    const k = seq % 5000;
    const who = !identity || k % 10 >= 3 ? `"anonymousId":"anon-${k}"` : `"anonymousId":"anon-${k}${k % 10 === 0 && seq % 2 ? '-b' : ''}","userId":"user-${k}"`;
    events.push(
      `{"id":"${uuid7()}","name":"page_view","ts":${now - i},${who},"sessionId":"sess-${seq % 9000}",` +
        `"page":{"url":"https://shop.example/products/trail-runner?utm_source=google&utm_medium=cpc&utm_campaign=spring","path":"/products/trail-runner","title":"Trail Runner","referrer":"https://www.google.com/"},` +
        `"properties":{"category":"shoes","price":89.9},"sdk":{"name":"touchpoint","version":"0.1.0"}}`,
    );
  }
  return `{"site":"bench","sentAt":${now},"events":[${events.join(',')}]}`;
}

export function startChild(kind, store) {
  const child = fork(SELF, ['--serve', kind, '--store', store], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: kind === 'collector' && process.env.TOUCHPOINT_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.TOUCHPOINT_BENCH_PROFILE}`] : [] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, port: m.port }));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

export function stopChild(child) {
  return new Promise((resolve) => {
    child.on('message', (m) => m && typeof m.stored === 'number' && resolve(m));
    child.send('stop');
  });
}

/**
 * Runs one case: starts the server child, drives it with autocannon for `duration` s at
 * `connections`, and returns requests/s, events/s (stored, for the collector), p50/p99 latency.
 */
export async function runCase({ kind, store = 'sqlite', batch, duration, connections, identity = false }) {
  const { default: autocannon } = await import('autocannon');
  const { child, port } = await startChild(kind, store);
  const ticks0 = threadTicks(child.pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/v1/touchpoints`,
    method: 'POST',
    connections,
    duration,
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    requests: [{ setupRequest: (req) => ({ ...req, body: makeBody(batch, identity) }) }],
  });
  const ticks1 = threadTicks(child.pid);
  const { stored, cpuMicros } = await stopChild(child);
  const seconds = result.duration;
  // Cores each thread of the server kept busy: the main (request) thread, and the busiest other one (for
  // the SQLite store, its writer thread). The thread that saturates first caps the throughput.
  const cores = (tid) => (ticks1?.get(tid) - (ticks0?.get(tid) ?? 0)) / CLOCK_TICKS / seconds;
  const others = ticks1 ? [...ticks1.keys()].filter((tid) => tid !== child.pid).map(cores) : [];
  const ok = result['2xx'];
  const total = result.requests.total;
  return {
    kind,
    store,
    batch,
    rps: ok / seconds,
    eventsPerSecond: kind === 'bare' ? (ok * batch) / seconds : stored / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    stored,
    cpuPerRequest: total ? cpuMicros / total : NaN,
    cpuPerStored: stored ? cpuMicros / stored : NaN,
    mainThreadCores: ticks1 ? cores(child.pid) : NaN,
    busiestOtherThreadCores: others.length ? Math.max(...others) : NaN,
  };
}

// Linux's per-thread CPU counters, in clock ticks (USER_HZ, 100 on Linux): thread id → user + system time.
export const CLOCK_TICKS = 100;
function threadTicks(pid) {
  try {
    return new Map(readdirSync(`/proc/${pid}/task`).map((tid) => [Number(tid), readStat(`/proc/${pid}/task/${tid}/stat`).ticks]));
  } catch {
    return undefined; // not Linux: the thread columns stay empty
  }
}

/** A /proc `stat` file's command name and its user + system CPU time in clock ticks. */
export function readStat(path) {
  const stat = readFileSync(path, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ticks: Number(fields[11]) + Number(fields[12]) };
}

const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

/**
 * `--breakdown`: CPU time per event of each half of ingestion, in this process, with no HTTP server and no
 * load generator competing for the cores — CPU time moves much less than throughput on a busy machine.
 * Pipeline: the handler (body read, parse, validate, dedupe, enrich, response) with a sink that stores
 * nothing. SQLite: the rows that pipeline produced, inserted with all migrations applied, in transactions
 * of 100 and of 1,000 rows (one request alone, and group commit under load).
 */
async function breakdown(seconds) {
  const collector = await importCollector();
  const rows = [];
  let capturing = true;
  const sink = {
    async write(events) {
      if (capturing) for (const e of events) rows.push(e);
      return { inserted: events.length, duplicates: 0 };
    },
    async ready() {
      return true;
    },
  };
  const handler = collector.createHandler({ sink, sites: [{ id: 'bench', origins: ['*'] }], log: collector.silentLogger, rateLimit: false });
  const table = [['part', 'CPU µs/event', 'events']];
  for (const batch of [1, 20, 100]) {
    // Batch 100 also supplies the SQLite part's rows: 100,000, enough for the indexes to outgrow a few pages.
    const bodies = Array.from({ length: Math.ceil((batch === 100 ? 100_000 : 20_000) / batch) }, () => Buffer.from(makeBody(batch)));
    capturing = batch === 100; // rows with distinct ids for the SQLite part
    const post = (i) =>
      handler(new Request('http://bench/v1/touchpoints', { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': UA } }), {
        clientIp: '127.0.0.1',
        body: [bodies[i % bodies.length]],
      });
    for (let i = 0; i < bodies.length; i++) if ((await post(i)).status !== 200) throw new Error('pipeline refused a bench body');
    capturing = false;
    const cpu0 = process.cpuUsage();
    const end = performance.now() + seconds * 1000;
    let n = 0;
    while (performance.now() < end) await (await post(n++)).text();
    const cpu = process.cpuUsage(cpu0);
    table.push([`pipeline, batch ${batch}`, fmt((cpu.user + cpu.system) / (n * batch), 1), fmt(n * batch)]);
  }
  // CPU µs per row to insert `rows` into a fresh database, `perTransaction` rows per transaction (the inline
  // writer makes each awaited write one transaction), after running `drops` on its schema.
  async function insertCpu(perTransaction, drops = []) {
    const dir = mkdtempSync(join(tmpdir(), 'tp-bench-'));
    const store = collector.openSqliteStore(join(dir, 'bench.db'), { writer: 'inline' });
    for (const sql of drops) await store.query(sql);
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < rows.length; i += perTransaction) await store.write(rows.slice(i, i + perTransaction));
    const cpu = process.cpuUsage(cpu0);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    return fmt((cpu.user + cpu.system) / rows.length, 1);
  }
  for (const perTransaction of [100, 1000]) {
    table.push([`SQLite insert, ${fmt(perTransaction)} rows per transaction`, await insertCpu(perTransaction), fmt(rows.length)]);
  }
  // What each structure a stored event updates costs: the same rows at 1,000 per transaction with one
  // secondary structure dropped (the difference to the full schema is that structure's share), and with
  // none but the (site, id) key.
  const STRUCTURES = {
    'journey rollup trigger': ['DROP TRIGGER events_journey_days'],
    // Abandonment's rollup and the partial index of bot touchpoints (migration 16).
    'abandonment rollup trigger': ['DROP TRIGGER events_journey_steps'],
    'events_report_name': ['DROP INDEX events_report_name'],
    'events_report_session_people': ['DROP INDEX events_report_session_people'],
    'events_report_arrival': ['DROP INDEX events_report_arrival'],
    // The schema before migration 14: the narrower session index, no arrivals index.
    'migration 14 (narrow session index, no arrivals index)': ['DROP INDEX events_report_arrival', 'DROP INDEX events_report_session_people',
      'CREATE INDEX events_report_session ON events (site, session_id, ts, phase, name, path, is_bot)'],
    'events_site_ts': ['DROP INDEX events_site_ts'],
    'every secondary structure': ['DROP TRIGGER events_journey_days', 'DROP TRIGGER events_journey_steps', 'DROP INDEX events_report_bots', 'DROP INDEX events_report_name', 'DROP INDEX events_report_session_people',
      'DROP INDEX events_report_arrival', 'DROP INDEX events_site_ts', 'DROP INDEX events_report_vitals', 'DROP INDEX events_report_landing',
      'DROP INDEX events_report_conversion'],
  };
  for (const [label, drops] of Object.entries(STRUCTURES)) {
    table.push([`SQLite insert, 1,000 per transaction, without ${label}`, await insertCpu(1000, drops), fmt(rows.length)]);
  }
  // The full schema once more, last: the first runs above also pay for warming up, which the comparisons must not.
  table.push(['SQLite insert, 1,000 per transaction, full schema again', await insertCpu(1000), fmt(rows.length)]);
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  console.log(`bench-collector --breakdown: ${seconds} s per pipeline case, node ${process.version}`);
  for (const r of table) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
}

/**
 * `--identity`: the collector's CPU per stored event (whole server process, every thread) at batch 100,
 * without identity and with identify traffic ({@link makeBody}), in one run and alternating (A B A B) so
 * that load from other processes falls on both. Budget (issue 21): ≤ 15 % more.
 */
async function identityCost(store, duration, connections) {
  console.log(`bench-collector --identity: batch 100, ${connections} connections, ${duration} s per case, store ${store}, node ${process.version}`);
  const runs = { plain: [], identity: [] };
  for (let round = 0; round < 2; round++) {
    for (const identity of [false, true]) {
      const r = await runCase({ kind: 'collector', store, batch: 100, duration, connections, identity });
      if (r.errors) throw new Error(`${r.errors} failed requests`);
      runs[identity ? 'identity' : 'plain'].push(r);
      console.log(`  ${identity ? 'with identity   ' : 'without identity'}  ${fmt(r.cpuPerStored, 1)} CPU µs/stored event  ${fmt(r.eventsPerSecond)} events/s  p99 ${fmt(r.p99, 1)} ms`);
    }
  }
  const cpu = (list) => list.reduce((s, r) => s + r.cpuPerStored, 0) / list.length;
  const ratio = cpu(runs.identity) / cpu(runs.plain);
  console.log(`\nover HTTP, mean CPU µs per stored event: without ${fmt(cpu(runs.plain), 1)}, with identity ${fmt(cpu(runs.identity), 1)} → ${fmt((ratio - 1) * 100, 1)} % more`);
  // The same in one process, no HTTP server or load generator competing for the cores (on a busy machine
  // the figures above move by ±15 % between identical runs): the handler's pipeline storing into SQLite
  // inline, request after request, 100 events each, alternating plain and identity rounds.
  let inProcess;
  if (store === 'sqlite') {
    const collector = await importCollector();
    const cases = { plain: [], identity: [] };
    for (let round = 0; round < 3; round++) {
      for (const identity of [false, true]) {
        const dir = mkdtempSync(join(tmpdir(), 'tp-bench-'));
        const db = collector.openSqliteStore(join(dir, 'bench.db'), { writer: 'inline' });
        const handler = collector.createHandler({ sink: db, sites: [{ id: 'bench', origins: ['*'] }], log: collector.silentLogger, rateLimit: false });
        const bodies = Array.from({ length: 400 }, () => Buffer.from(makeBody(100, identity)));
        const post = (body) => handler(new Request('http://bench/v1/touchpoints', { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': UA } }), { clientIp: '127.0.0.1', body: [body] });
        for (const body of bodies.slice(0, 100)) await (await post(body)).text(); // warm-up: links written, caches filled
        const c0 = process.cpuUsage();
        for (const body of bodies.slice(100)) await (await post(body)).text();
        const c = process.cpuUsage(c0);
        const [{ n }] = await db.query('SELECT COUNT(*) AS n FROM events');
        await db.close();
        rmSync(dir, { recursive: true, force: true });
        cases[identity ? 'identity' : 'plain'].push((c.user + c.system) / (Number(n) - 100 * 100));
      }
    }
    const mean = (l) => l.reduce((a, b) => a + b, 0) / l.length;
    inProcess = mean(cases.identity) / mean(cases.plain);
    console.log(`in process (pipeline + SQLite inline), mean CPU µs per stored event: without ${fmt(mean(cases.plain), 1)} [${cases.plain.map((x) => fmt(x, 1)).join(', ')}], with identity ${fmt(mean(cases.identity), 1)} [${cases.identity.map((x) => fmt(x, 1)).join(', ')}] → ${fmt((inProcess - 1) * 100, 1)} % more`);
  }
  console.log(`${ratio <= 1.15 ? 'PASS' : 'MISS'}  over HTTP: identity costs ≤ 15 % more collector CPU per stored event at batch 100`);
  if (inProcess !== undefined) console.log(`${inProcess <= 1.15 ? 'PASS' : 'MISS'}  in process: identity costs ≤ 15 % more collector CPU per stored event at batch 100`);
}

const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function main() {
  const { values } = parseArgs({
    options: {
      serve: { type: 'string' },
      store: { type: 'string', default: 'sqlite' },
      duration: { type: 'string', default: '5' },
      connections: { type: 'string', default: '50' },
      batches: { type: 'string', default: '1,20,100' },
      breakdown: { type: 'boolean', default: false },
      identity: { type: 'boolean', default: false },
    },
  });
  if (values.serve) return serve(values.serve, values.store);
  if (values.identity) return identityCost(values.store, Number(values.duration), Number(values.connections));
  if (values.breakdown) return breakdown(Math.min(Number(values.duration), 3));
  if (!STORES[values.store]) throw new Error(`--store must be one of ${Object.keys(STORES).join(', ')}`);
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const batches = values.batches.split(',').map(Number);
  console.log(`bench-collector: ${connections} connections, ${duration} s per case, loopback, store ${values.store}, node ${process.version}`);
  const rows = [];
  for (const batch of batches) {
    const bare = await runCase({ kind: 'bare', batch, duration, connections });
    const col = await runCase({ kind: 'collector', store: values.store, batch, duration, connections });
    rows.push({ batch, bare, col });
  }
  const header = ['batch', 'server', 'req/s', 'events/s', 'p50 ms', 'p99 ms', 'errors', 'CPU µs/req', 'vs bare req/s', 'vs bare CPU/req', 'main thread', 'busiest other thread'];
  const table = [header];
  const threads = (r) => [fmt(r.mainThreadCores, 2), fmt(r.busiestOtherThreadCores, 2)].map((c) => (c === 'NaN' ? '' : `${c} cores`));
  for (const { batch, bare, col } of rows) {
    table.push([String(batch), 'bare node:http', fmt(bare.rps), fmt(bare.eventsPerSecond), fmt(bare.p50, 1), fmt(bare.p99, 1), String(bare.errors), fmt(bare.cpuPerRequest), '', '', ...threads(bare)]);
    table.push([String(batch), `collector (${col.store})`, fmt(col.rps), fmt(col.eventsPerSecond), fmt(col.p50, 1), fmt(col.p99, 1), String(col.errors), fmt(col.cpuPerRequest), `${fmt((100 * col.rps) / bare.rps)} %`, `${fmt(col.cpuPerRequest / bare.cpuPerRequest, 1)} ×`, ...threads(col)]);
  }
  const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  for (const r of table) console.log(r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  const at = (b) => rows.find((r) => r.batch === b);
  const checks = [];
  if (at(20)) checks.push(['request rate at batch 20 ≥ 50 % of bare', at(20).col.rps / at(20).bare.rps >= 0.5]);
  if (at(100)) checks.push(['≥ 100,000 events/s stored at batch 100', at(100).col.eventsPerSecond >= 100_000]);
  checks.push([`collector p99 < 25 ms at ${connections} connections`, rows.every((r) => r.col.p99 < 25)]);
  checks.push(['no errors', rows.every((r) => r.col.errors === 0)]);
  console.log('');
  for (const [name, ok] of checks) console.log(`${ok ? 'PASS' : 'MISS'}  ${name}`);
}

// Run as a script (or as a server child); imported by other benchmarks for its helpers only.
if (process.argv[1] === SELF) {
  main().catch((err) => {
    console.error(`bench-collector: ${err.message}`);
    process.exitCode = 1;
  });
}
