#!/usr/bin/env node
// Scale-out figures, all from one run on this machine: events/s and p99 of the collector storing in
// SQLite, in PostgreSQL (one and two collector processes on one database) and publishing to JetStream
// (one and two collectors), then the loaders' sustained events/s from that stream into PostgreSQL
// (one and two loader processes), with the cores the loaders, PostgreSQL and nats-server kept busy meanwhile
// (Linux /proc), and the PostgreSQL store's own capacity without HTTP in front.
//
//   node scripts/build.mjs && node scripts/bench-scale-out.mjs [--duration 5] [--connections 50] [--batches 20,100]
//
// Needs PostgreSQL (TOUCHPOINT_PG_URL) and NATS JetStream (TOUCHPOINT_NATS_URL). Collectors are
// `bench-collector.mjs --serve` children; loaders are `touchpoint-collector load` processes.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CLOCK_TICKS, makeBody, readStat, startChild, stopChild } from './bench-collector.mjs';
import { importCollector } from './lib/collector-dist.mjs';

const CLI = fileURLToPath(new URL('../packages/cli/dist/cli.js', import.meta.url));
const PG_URL = process.env.TOUCHPOINT_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NATS_URL = process.env.TOUCHPOINT_NATS_URL ?? 'nats://127.0.0.1:4222';
const tag = `${process.pid}`;
const SCHEMA = `tp_scale_${tag}`;
const STREAM = `TP_SCALE_${tag}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** Drives `processes` collector children on `store` with autocannon; connections are split between them. */
async function runCollectors({ store, processes, batch, duration, connections }) {
  const { default: autocannon } = await import('autocannon');
  const children = await Promise.all(Array.from({ length: processes }, () => startChild('collector', store)));
  const per = Math.max(1, Math.round(connections / processes));
  const results = await Promise.all(
    children.map(({ port }) =>
      autocannon({
        url: `http://127.0.0.1:${port}/v1/touchpoints`,
        method: 'POST',
        connections: per,
        duration,
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        requests: [{ setupRequest: (req) => ({ ...req, body: makeBody(batch) }) }],
      }),
    ),
  );
  for (const { child } of children) await stopChild(child);
  const ok = results.reduce((n, r) => n + r['2xx'], 0);
  const seconds = Math.max(...results.map((r) => r.duration));
  return {
    label: `${store}, ${processes} collector${processes > 1 ? 's' : ''}`,
    batch,
    eventsPerSecond: (ok * batch) / seconds,
    acked: ok * batch,
    // Two load generators each report their own percentiles: the slower one is the honest figure.
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: results.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
  };
}

/** Counts rows in the bench schema. */
async function countRows(collector) {
  const store = await collector.openPostgresStore(PG_URL, { schema: SCHEMA, poolSize: 1 });
  const [{ n }] = await store.query('SELECT COUNT(*) AS n FROM events');
  await store.close();
  return n;
}

/** Runs `n` loader processes for `seconds` on the stream's backlog; returns events/s stored meanwhile. */
async function runLoaders(collector, n, seconds) {
  const before = await countRows(collector);
  const procs = Array.from({ length: n }, () =>
    spawn(process.execPath, [CLI, 'load', '--stream', NATS_URL, '--stream-name', STREAM, '--stream-subjects', `tpbench.${STREAM}`, '--pg', PG_URL, '--pg-schema', SCHEMA, '--batch', '2000', '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'inherit'] }),
  );
  // Warm-up: connections, consumer, first fetch.
  await sleep(1000);
  const start = await countRows(collector);
  const loaderPids = new Set(procs.map((p) => p.pid));
  const cpu0 = cpuTicks(loaderPids);
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const end = await countRows(collector);
  const elapsed = (performance.now() - t0) / 1000;
  const cpu1 = cpuTicks(loaderPids);
  // Cores each side kept busy while the rows were counted: what the machine spends per loaded event.
  const cores = cpu1 && Object.fromEntries(Object.keys(cpu1).map((k) => [k, (cpu1[k] - cpu0[k]) / CLOCK_TICKS / elapsed]));
  for (const p of procs) p.kill('SIGTERM');
  await Promise.all(procs.map((p) => new Promise((r) => p.once('exit', r))));
  return { loaders: n, eventsPerSecond: (end - start) / elapsed, stored: end - before, cores };
}

// Linux's per-process CPU counters (clock ticks, USER_HZ = 100): user + system time of the loaders, of
// every postgres process and of nats-server. Undefined where /proc is missing (not Linux).
function cpuTicks(loaderPids) {
  const ticks = { loaders: 0, postgres: 0, 'nats-server': 0 };
  let pids;
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    try {
      const stat = readStat(`/proc/${pid}/stat`);
      const key = loaderPids.has(Number(pid)) ? 'loaders' : stat.comm in ticks ? stat.comm : undefined;
      if (key) ticks[key] += stat.ticks;
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}

/** "; cores busy: loaders 0.5, postgres 1.0, nats-server 0.3 = 43 µs CPU per event", or "" without /proc. */
function cpuSplit({ cores, eventsPerSecond }) {
  if (!cores) return '';
  const total = Object.values(cores).reduce((a, b) => a + b, 0);
  const parts = Object.entries(cores).map(([k, v]) => `${k} ${fmt(v, 2)}`).join(', ');
  return `; cores busy: ${parts} = ${fmt((total * 1e6) / eventsPerSecond)} µs CPU per event`;
}

/** The PostgreSQL store alone: `writers` concurrent writes of `batch` events for `seconds`. */
async function storeOnly(collector, batch, seconds, writers = 10) {
  const schema = `${SCHEMA}_raw`;
  const store = await collector.openPostgresStore(PG_URL, { schema, poolSize: 10 });
  let seq = 0;
  const row = () => {
    const id = `${Date.now().toString(16)}-${(seq++).toString(16).padStart(10, '0')}`;
    return { site: 'bench', id, name: 'page_view', ts: Date.now(), receivedAt: Date.now(), anonymousId: `anon-${seq % 5000}`, userId: null, sessionId: `sess-${seq % 9000}`, phase: 'before', p5: 'first_touch', channel: 'paid_search', url: 'https://shop.example/products/trail-runner?utm_source=google', path: '/products/trail-runner', title: 'Trail Runner', referrer: 'https://www.google.com/', utmSource: 'google', utmMedium: 'cpc', utmCampaign: 'spring', utmTerm: null, utmContent: null, clickIdParam: null, browser: 'Chrome', os: 'Linux', device: 'desktop', isBot: false, ip: '192.0.2.0', data: `{"id":"${id}","name":"page_view","page":{"url":"https://shop.example/products/trail-runner","title":"Trail Runner"},"properties":{"category":"shoes","price":89.9}}` };
  };
  let stored = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: writers }, async () => {
    while (performance.now() < end) {
      // Await first, then add: `stored += await …` would read `stored` before the await and lose the other writers' counts.
      const { inserted } = await store.write(Array.from({ length: batch }, row));
      stored += inserted;
    }
  }));
  const rate = stored / ((performance.now() - t0) / 1000);
  await store.query(`DROP SCHEMA "${schema}" CASCADE`);
  await store.close();
  return rate;
}

async function main() {
  const { values } = parseArgs({ options: { duration: { type: 'string', default: '5' }, connections: { type: 'string', default: '50' }, batches: { type: 'string', default: '20,100' } } });
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const batches = values.batches.split(',').map(Number);
  const collector = await importCollector();
  // Collector children share one schema / one stream, so two processes write to the same place.
  process.env.TOUCHPOINT_BENCH_SCHEMA = SCHEMA;
  process.env.TOUCHPOINT_BENCH_STREAM = STREAM;
  console.log(`bench-scale-out: ${connections} connections in total, ${duration} s per case, loopback, node ${process.version}`);

  const rows = [];
  try {
    for (const batch of batches) {
      for (const [store, processes] of [['sqlite', 1], ['pg', 1], ['pg', 2], ['stream', 1], ['stream', 2]]) {
        const r = await runCollectors({ store, processes, batch, duration, connections });
        rows.push(r);
        console.log(`  ${r.label.padEnd(24)} batch ${String(batch).padStart(3)}: ${fmt(r.eventsPerSecond).padStart(8)} events/s, p99 ${fmt(r.p99)} ms, errors ${r.errors}`);
      }
    }
    const pgAcked = rows.filter((r) => r.label.startsWith('pg')).reduce((n, r) => n + r.acked, 0);
    const pgRows = await countRows(collector);
    console.log(`  check: ${fmt(pgAcked)} events acknowledged by PostgreSQL collectors, ${fmt(pgRows)} rows stored`);

    console.log('  loaders draining the stream backlog into PostgreSQL:');
    const loaders = [];
    for (const n of [1, 2]) {
      const l = await runLoaders(collector, n, duration);
      loaders.push(l);
      console.log(`  ${n} loader${n > 1 ? 's' : ' '}: ${fmt(l.eventsPerSecond)} events/s${cpuSplit(l)}`);
    }
    const raw = {};
    for (const b of [100, 1000]) raw[b] = await storeOnly(collector, b, Math.min(duration, 3));

    console.log('');
    const header = ['batch', 'mode', 'events/s', 'p99 ms', 'errors'];
    const table = [header, ...rows.map((r) => [String(r.batch), r.label, fmt(r.eventsPerSecond), fmt(r.p99), String(r.errors)])];
    const widths = header.map((_, i) => Math.max(...table.map((t) => t[i].length)));
    for (const t of table) console.log(t.map((c, i) => (i === 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
    for (const l of loaders) console.log(`loader → PostgreSQL, ${l.loaders} process${l.loaders > 1 ? 'es' : ''}: ${fmt(l.eventsPerSecond)} events/s sustained${cpuSplit(l)}`);
    for (const b of [100, 1000]) console.log(`PostgreSQL store alone (10 concurrent writes of ${b}, no HTTP): ${fmt(raw[b])} events/s`);

    const at = (label, batch) => rows.find((r) => r.label === label && r.batch === batch);
    const checks = [];
    if (at('pg, 1 collector', 100)) checks.push(['≥ 30,000 events/s into PostgreSQL at batch 100, one collector', at('pg, 1 collector', 100).eventsPerSecond >= 30_000]);
    for (const b of batches) if (at('stream, 1 collector', b)) checks.push([`stream accepts ≥ 2× direct PostgreSQL at batch ${b}`, at('stream, 1 collector', b).eventsPerSecond >= 2 * at('pg, 1 collector', b).eventsPerSecond]);
    const best = Math.max(...rows.filter((r) => r.label.startsWith('stream')).map((r) => r.eventsPerSecond));
    checks.push([`loaders keep up: 2 loaders ≥ the best stream accept rate (${fmt(best)} events/s)`, loaders[1].eventsPerSecond >= best]);
    checks.push(['no errors', rows.every((r) => r.errors === 0)]);
    console.log('');
    for (const [name, ok] of checks) console.log(`${ok ? 'PASS' : 'MISS'}  ${name}`);
  } finally {
    const store = await collector.openPostgresStore(PG_URL, { schema: SCHEMA, poolSize: 1 });
    await store.query(`DROP SCHEMA "${SCHEMA}" CASCADE`);
    await store.close();
    const nc = await collector.connectNats(NATS_URL, 'bench-cleanup');
    await (await collector.jetstreamManager(nc)).streams.delete(STREAM).catch(() => {});
    await nc.close();
  }
}

main().catch((err) => {
  console.error(`bench-scale-out: ${err.stack ?? err.message}`);
  process.exitCode = 1;
});
