// A tiny static file server for the demo shop. It also serves the SDK's built script-tag files at
// /sdk/*, so the pages load exactly what users would put on their own site, and the sample ads: the
// catalogue for its own port at /ads.csv, and /ads.html (untagged) linking to each ad's landing URL.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PUBLIC = fileURLToPath(new URL('./public/', import.meta.url));
const PARTIALS = fileURLToPath(new URL('./partials/', import.meta.url));
const SDK_DIST = fileURLToPath(new URL('../../packages/sdk/dist/', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.csv': 'text/csv; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json' };

const ADS_TEMPLATE = fileURLToPath(new URL('./ads.template.csv', import.meta.url));
const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The demo's ad catalogue (`ads.template.csv`) with its landing URLs on the store at `storeUrl`, so the
 * checks and the sample ads work on any `STORE_PORT`.
 * @param {string} storeUrl e.g. `http://127.0.0.1:8080`
 * @returns {string} the CSV, ready for `import-catalogue` and `check-ads`
 */
export function sampleAdsCsv(storeUrl) {
  return readFileSync(ADS_TEMPLATE, 'utf8').replaceAll('{{STORE}}', storeUrl);
}

/** The sample ads as links (same origin: the path and query of each landing URL) for the ads page. */
function adLinks() {
  const [header, ...rows] = readFileSync(ADS_TEMPLATE, 'utf8').trim().split(/\r?\n/).map((l) => l.split(','));
  return rows.map((cells) => {
    const ad = Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
    const href = ad.landing_url.replace('{{STORE}}', '');
    return `    <li><a id="${escapeHtml(ad.ad_id)}" href="${escapeHtml(href)}">${escapeHtml(`${ad.source} ad “${ad.headline}”`)}</a> → <code>${escapeHtml(href.split('?')[0])}</code></li>`;
  }).join('\n');
}

/** Resolves a URL path inside `root`, or null when it would escape it. */
function inside(root, urlPath) {
  const file = resolve(root, '.' + normalize(decodeURIComponent(urlPath)));
  return file.startsWith(root) ? file : null;
}

/**
 * Starts the shop's static server.
 * @param {{ port?: number, host?: string, collectorUrl?: string, site?: string }} options
 * `collectorUrl` and `site` are written into every page's script tag (the pages hold placeholders).
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function startStore({ port = 8080, host = '127.0.0.1', collectorUrl = 'http://127.0.0.1:8787', site = 'demo-store' } = {}) {
  let base = '';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/ads.csv') {
      res.writeHead(200, { 'content-type': TYPES['.csv'], 'cache-control': 'no-store' }).end(sampleAdsCsv(base));
      return;
    }
    const file = path.startsWith('/sdk/') ? inside(SDK_DIST, path.slice(4)) : inside(PUBLIC, path.endsWith('/') ? path + 'index.html' : path);
    let stat;
    try {
      stat = file && statSync(file);
    } catch {}
    if (!file || !stat || !stat.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (type.startsWith('text/html')) {
      // Pages include partials ({{> touchpoint}}: the loader snippet and script tag; {{> nav}}; {{> footer}})
      // and say {{COLLECTOR}} and {{SITE}}, so one copy serves the demo, the tests and any port.
      const html = readFileSync(file, 'utf8')
        .replace(/\{\{> ([a-z]+)\}\}/g, (_, name) => readFileSync(`${PARTIALS}${name}.html`, 'utf8').trimEnd())
        .replace('{{ADS}}', () => adLinks())
        .replaceAll('{{COLLECTOR}}', collectorUrl)
        .replaceAll('{{SITE}}', site);
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(html);
      return;
    }
    res.writeHead(200, { 'content-type': type, 'content-length': stat.size, 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const address = server.address();
      base = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
      ok({
        url: base,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}
