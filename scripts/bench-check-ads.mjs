// Checks 1,000 ads against landing pages served locally (4 loopback hosts, 50 ms server delay, ~30 KB
// pages, some redirects that drop or keep the UTM parameters, some 404s) with concurrency 16 (4 per host)
// and prints time, throughput and peak memory. Target: ≤ 30 s, memory bounded.
//
//   node scripts/bench-check-ads.mjs [--ads 1000] [--concurrency 16] [--per-host 4] [--delay-ms 50]
//
// Needs the built collector: node scripts/build.mjs
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { importCollector } from './lib/collector-dist.mjs';

const { values } = parseArgs({
  options: {
    ads: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '16' },
    'per-host': { type: 'string', default: '4' },
    'delay-ms': { type: 'string', default: '50' },
  },
});
const { runChecks } = await importCollector();
const ADS = Number(values.ads);
const DELAY = Number(values['delay-ms']);
const HOSTS = ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4'];

const filler = '<p>Zapatillas de trail ligeras, impermeables y con buen agarre para montaña. </p>'.repeat(400);
const page = (i) => `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Zapatillas de trail modelo ${i}</title>
<meta name="description" content="Zapatillas de trail modelo ${i}"></head><body><h1>Zapatillas de trail ${i}</h1>${filler}</body></html>`;

let requests = 0;
const servers = await Promise.all(HOSTS.map((host) => new Promise((resolve, reject) => {
  const server = createServer((req, res) => {
    requests++;
    const url = new URL(req.url, 'http://x');
    const [, kind, id] = url.pathname.split('/');
    setTimeout(() => {
      if (kind === 'drop') return res.writeHead(302, { location: `/p/${id}` }).end();
      if (kind === 'keep') return res.writeHead(301, { location: `/p/${id}${url.search}` }).end();
      if (kind === 'gone') return res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(id));
    }, DELAY);
  });
  server.keepAliveTimeout = 1000;
  server.once('error', reject);
  server.listen(0, host, () => resolve({ server, base: `http://${host}:${server.address().port}` }));
})));

const ads = Array.from({ length: ADS }, (_, i) => {
  const { base } = servers[i % servers.length];
  const kind = i % 20 === 0 ? 'gone' : i % 10 === 1 ? 'drop' : i % 10 === 2 ? 'keep' : 'p';
  return { adId: `ad-${i}`, campaign: 'trail', headline: `Zapatillas de trail ${i}`, keywords: ['zapatillas trail'], landingUrl: `${base}/${kind}/${i}?utm_source=google&utm_medium=cpc&gclid=g${i}` };
});

let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
sample();
const rssBefore = process.memoryUsage().rss;
const timer = setInterval(sample, 50);
const started = performance.now();
let done = 0;
const results = await runChecks(ads, {
  concurrency: Number(values.concurrency), perHost: Number(values['per-host']), allowLoopback: true,
  onProgress: (n) => {
    done = n;
    if (process.stdout.isTTY && n % 50 === 0) process.stdout.write(`\r${n}/${ADS}`);
  },
});
const seconds = (performance.now() - started) / 1000;
clearInterval(timer);
sample();
if (process.stdout.isTTY) process.stdout.write('\r');
await Promise.all(servers.map(({ server }) => new Promise((r) => { server.closeAllConnections(); server.close(r); })));

const count = (code) => results.filter((r) => r.problems.some((p) => p.code === code)).length;
const mb = (b) => `${(b / 1e6).toFixed(0)} MB`;
console.table([{
  ads: done,
  seconds: Number(seconds.toFixed(2)),
  'ads/s': Math.round(done / seconds),
  requests,
  ok: results.filter((r) => r.ok).length,
  '404': count('http_error'),
  'dropped params': count('dropped_params'),
  'rss before': mb(rssBefore),
  'peak rss': mb(peakRss),
  'peak heap': mb(peakHeap),
  target: seconds <= 30 ? 'ok ≤ 30 s' : 'SLOW > 30 s',
}]);
process.exitCode = seconds <= 30 && count('http_error') === ADS / 20 && count('dropped_params') === ADS / 10 ? 0 : 1;
