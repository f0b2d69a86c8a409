// SDK main-thread benchmark in real (headless) Chromium — not a unit test. Prints:
//  - tag(): median and p95 cost per call (timed in bursts of 100: performance.now() is coarsened to
//    100 µs in pages without cross-origin isolation, too coarse for one call)
//  - flushing 1,000 queued touchpoints to a local collector: wall time, requests, and long tasks (> 50 ms)
// Usage: node scripts/build.mjs && node scripts/bench-sdk.mjs   (TOUCHPOINT_CHROMIUM overrides /usr/bin/chromium)
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from './lib/sh.mjs';

const dist = join(ROOT, 'packages/sdk/dist');
let requests = 0;
let events = 0;
const server = createServer(async (req, res) => {
  if (req.url.startsWith('/v1/touchpoints')) {
    let body = '';
    for await (const c of req) body += c;
    const batch = JSON.parse(body);
    const n = batch.events.length;
    // count only the flush measurement's touchpoints (the tag() page may still be sending its own)
    const items = batch.events.filter((e) => e.name == 'bench_item').length;
    if (items) requests++;
    events += items;
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'application/json' });
    return res.end(JSON.stringify({ accepted: n, duplicates: 0, rejected: [] }));
  }
  if (req.url.startsWith('/sdk/')) {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    return res.end(await readFile(join(dist, req.url.slice(5))));
  }
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end('<!doctype html><title>bench</title><h1>bench</h1><script src="/sdk/snippet.min.js"></script>' +
    // ?pending holds touchpoints on the device (consent pending) until the flush is measured.
    "<script>touchpoint('init',{endpoint:location.origin+'/v1/touchpoints',site:'bench',consent:location.search=='?pending'?'pending':'granted',autoPageViews:false,queueLimit:5000,queueBytes:8e6})</script>" +
    '<script src="/sdk/touchpoint.min.js"></script>');
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.TOUCHPOINT_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  await page.goto(origin);
  const tag = await page.evaluate(async () => {
    const tp = window.touchpoint;
    const props = { product_id: 'sku-42', price: 59.9, currency: 'EUR' };
    for (let i = 0; i < 300; i++) tp.tag('warm_up', props); // JIT warm-up
    await new Promise((r) => setTimeout(r, 200));
    const per = [];
    for (let b = 0; b < 50; b++) {
      const t0 = performance.now();
      for (let i = 0; i < 100; i++) tp.tag('wishlist_add', props);
      per.push((performance.now() - t0) / 100);
      await new Promise((r) => setTimeout(r, 0)); // let the batched IndexedDB write run between bursts
    }
    per.sort((a, b) => a - b);
    return { median: per[25], p95: per[47] };
  });
  await page.close();
  console.log(`tag(): median ${tag.median.toFixed(4)} ms, p95 ${tag.p95.toFixed(4)} ms per call (50 bursts of 100, full build, budget 0.05 ms)`);

  // Fresh page (new context, empty storage), 1,000 touchpoints held on the device, then granted and flushed.
  const page2 = await browser.newPage();
  await page2.goto(`${origin}/?pending`);
  requests = events = 0;
  const flush = await page2.evaluate(async () => {
    const tp = window.touchpoint;
    for (let i = 0; i < 1000; i++) {
      tp.tag('bench_item', { i, sku: `sku-${i % 50}`, price: i / 10 });
      if (i % 100 == 99) await new Promise((r) => setTimeout(r, 0));
    }
    await tp.flush(); // consent pending: only makes sure everything is written
    const long = [];
    const obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => long.push(e.duration)));
    obs.observe({ type: 'longtask' });
    const t0 = performance.now();
    tp.consent('granted');
    await tp.flush();
    const ms = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 100));
    obs.disconnect();
    return { ms, long };
  });
  console.log(`flush of 1,000 queued touchpoints: ${flush.ms.toFixed(0)} ms wall, ${requests} requests, ${events} events received, ` +
    `${flush.long.length} long tasks (> 50 ms)${flush.long.length ? `: ${flush.long.map((d) => d.toFixed(0)).join(', ')} ms` : ''}`);
} finally {
  await browser.close();
  server.close();
}
