// The relevance evaluation: serves the labelled shops (shops.json) on their own loopback origins, checks
// every labelled ad (ads.json) with the ad checker, and compares each verdict with its label, for the
// tuning and the held-out half (split.json). Used by scripts/eval-relevance.mjs (on the built package)
// and test/integration/relevance-eval.test.ts (on the sources): the checker module is passed in.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const here = (f) => new URL(f, import.meta.url);
export const SHOPS = JSON.parse(readFileSync(here('./shops.json'), 'utf8'));
export const ADS = JSON.parse(readFileSync(here('./ads.json'), 'utf8'));
export const SPLIT = JSON.parse(readFileSync(here('./split.json'), 'utf8'));
/** The verdicts, most important first: a result's verdict is the first of its problems in this order. */
export const VERDICTS = ['form_page', 'home_page', 'thin', 'off_topic'];

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const FORM = { es: ['Correo electrónico', 'Contraseña', 'Crear cuenta'], en: ['Email', 'Password', 'Create account'] };

/** One page of a shop as HTML: the shop's header, menu and footer around the page's content. */
export function renderPage(shop, page) {
  const charset = page.charset ?? 'utf-8';
  const head = [`<meta charset="${charset}">`, `<title>${esc(page.title)}</title>`,
    page.description ? `<meta name="description" content="${esc(page.description)}">` : '',
    shop.ogSiteName ? `<meta property="og:site_name" content="${esc(shop.siteName)}">` : ''].join('');
  const [email, password, create] = FORM[shop.lang];
  const content = [`<h1>${esc(page.h1)}</h1>`, ...page.paras.map((p) => `<p>${esc(p)}</p>`),
    page.offer ? `<p class="price">${esc(page.offer)}</p><form action="/cart" method="post"><button type="submit">${esc(page.buy)}</button></form>` : '',
    page.form ? `<form method="post"><label>${email} <input type="email" name="email"></label><label>${password} <input type="password" name="password"></label><button>${create}</button></form>` : ''].join('');
  const links = shop.nav.map(([label, href]) => `<a href="${href}">${esc(label)}</a>`);
  const body = shop.layout === 'semantic'
    ? `<header><a href="/">${esc(shop.siteName)}</a></header><nav><ul>${links.map((l) => `<li>${l}</li>`).join('')}</ul></nav><main>${content}</main><footer><p>${esc(shop.footer)}</p></footer>`
    // Plain <div>s with no telling class: the checker has to learn the menu and footer from repetition.
    : `<div class="t1"><a href="/">${esc(shop.siteName)}</a></div><div class="t2">${links.join(' ')}</div><div class="c">${content}</div><div class="t3"><p>${esc(shop.footer)}</p></div>`;
  const html = `<!doctype html><html lang="${shop.lang}"><head>${head}</head><body>${body}</body></html>`;
  return charset === 'windows-1252' ? Buffer.from(html, 'latin1') : Buffer.from(html, 'utf8');
}

/** Serves every shop on its own loopback address (127.0.0.x) and a free port; resolves to their origins. */
export async function serveShops() {
  const servers = [];
  const origins = {};
  for (const shop of SHOPS) {
    const pages = new Map(shop.pages.map((p) => [p.path, p]));
    const server = createServer((req, res) => {
      const page = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
      if (!page) return res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>404</h1>');
      // The Latin-1 page says so only in its <meta charset>, as many old Spanish pages do.
      res.writeHead(200, { 'content-type': page.charset ? 'text/html' : 'text/html; charset=utf-8' });
      res.end(renderPage(shop, page));
    });
    await new Promise((resolve, reject) => server.once('error', reject).listen(0, shop.host, resolve));
    servers.push(server);
    origins[shop.id] = `http://${shop.host}:${server.address().port}`;
  }
  return { origins, close: () => Promise.all(servers.map((s) => new Promise((r) => { s.closeAllConnections(); s.close(r); }))) };
}

const csvField = (v, d) => (/[",;\t\r\n|]/.test(v) && (v.includes(d) || /["\r\n]/.test(v)) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * The labelled ads as the catalogues a shop would export: the Spanish shops' as Excel in Spanish writes
 * them (`;`-delimited, Windows-1252, CRLF), the English shops' as `,`-delimited UTF-8 with a BOM.
 */
export function catalogueFiles(origins) {
  const cols = ['ad_id', 'campaign', 'term', 'content', 'headline', 'keywords', 'brand', 'landing_url'];
  const files = [];
  for (const lang of ['es', 'en']) {
    const d = lang === 'es' ? ';' : ',';
    const lines = [cols.join(d)];
    for (const ad of ADS) {
      const shop = SHOPS.find((s) => s.id === ad.shop);
      if (shop.lang !== lang) continue;
      const url = `${origins[shop.id]}${ad.path}?utm_source=google&utm_medium=cpc&utm_campaign=${shop.id}&utm_content=${ad.id}&gclid=eval-${ad.id}`;
      const row = { ad_id: ad.id, campaign: shop.id, term: ad.term, content: ad.id, headline: ad.headline, keywords: (ad.keywords ?? []).join('|'), brand: ad.brand ?? '', landing_url: url };
      lines.push(cols.map((c) => csvField(String(row[c] ?? ''), d)).join(d));
    }
    const text = `${lines.join('\r\n')}\r\n`;
    files.push({ lang, bytes: lang === 'es' ? Buffer.from(text, 'latin1') : Buffer.from(`\uFEFF${text}`, 'utf8') });
  }
  return files;
}

/** A check result's verdict: its most important relevance problem, `ok` without one, `error` for a failed fetch. */
export function verdictOf(result) {
  const codes = new Set(result.problems.map((p) => p.code));
  for (const v of VERDICTS) if (codes.has(v)) return v;
  return result.status >= 200 && result.status < 300 ? 'ok' : 'error';
}

/** Agreement overall and per category, and per-verdict precision and recall, of a list of rows. */
export function measure(rows) {
  const agree = rows.filter((r) => r.got === r.expect).length;
  const categories = {};
  for (const r of rows) {
    const c = (categories[r.category] ??= { n: 0, agree: 0 });
    c.n++;
    if (r.got === r.expect) c.agree++;
  }
  for (const c of Object.values(categories)) c.rate = c.agree / c.n;
  const flags = {};
  for (const f of VERDICTS) {
    const tp = rows.filter((r) => r.got === f && r.expect === f).length;
    const predicted = rows.filter((r) => r.got === f).length;
    const actual = rows.filter((r) => r.expect === f).length;
    flags[f] = { tp, predicted, actual, precision: predicted ? tp / predicted : 1, recall: actual ? tp / actual : 1 };
  }
  return { n: rows.length, agree, rate: rows.length ? agree / rows.length : 1, categories, flags };
}

/**
 * Runs the evaluation with a checker module (`@touchpoint/collector/check-ads`, source or built).
 * @returns every row (id, half, category, expected and got verdict, the reason) and the figures per half
 */
export async function evaluate(checker, { concurrency = 8 } = {}) {
  const { origins, close } = await serveShops();
  try {
    const ads = [];
    for (const file of catalogueFiles(origins)) {
      const { ads: parsed, errors } = checker.parseCatalogue(file.bytes, { requireUrl: true });
      if (errors.length) throw new Error(`catalogue (${file.lang}): ${errors.map((e) => `${e.line}: ${e.message}`).join('; ')}`);
      ads.push(...parsed);
    }
    if (ads.length !== ADS.length) throw new Error(`catalogue has ${ads.length} ads, the labels ${ADS.length}`);
    const results = await checker.runChecks(ads, { allowLoopback: true, concurrency, perHost: 4 });
    const byId = new Map(results.map((r) => [r.adId, r]));
    const heldOut = new Set(SPLIT.heldOut);
    const rows = ADS.map((a) => {
      const r = byId.get(a.id);
      return { id: a.id, half: heldOut.has(a.id) ? 'heldOut' : 'tuning', category: a.category, expect: a.expect, got: verdictOf(r), score: r.relevance?.score, problems: r.problems.map((p) => p.message) };
    });
    return { rows, tuning: measure(rows.filter((r) => r.half === 'tuning')), heldOut: measure(rows.filter((r) => r.half === 'heldOut')), all: measure(rows) };
  } finally {
    await close();
  }
}
