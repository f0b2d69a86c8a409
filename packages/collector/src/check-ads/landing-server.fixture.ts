// Landing pages the checker's tests (and the benchmark) serve themselves on loopback: one route per
// scenario the checker must recognise.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

const html = (head: string, body: string, lang = 'es') => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
const para = (n: number) => `<p>${'Texto de la página con contenido útil para quien llega desde el anuncio. '.repeat(n)}</p>`;

export const PAGES: Record<string, { status?: number; headers?: Record<string, string>; body?: string | Buffer; delayMs?: number; location?: string }> = {
  '/es/zapatillas-trail': { body: html('<title>Zapatillas de trail impermeables | Montaña Shop</title><meta name="description" content="Zapatillas de trail ligeras y impermeables para montaña.">', `<h1>Zapatillas de trail impermeables</h1>${para(20)}`) },
  // the path the report fixtures' visitors landed on (reports/fixtures.ts), for checks shown beside visits
  '/es/trail': { body: html('<title>Zapatillas de trail impermeables</title>', `<h1>Zapatillas de trail impermeables</h1>${para(20)}`) },
  '/': { body: html('<title>Montaña Shop</title>', `<h1>Bienvenido a Montaña Shop</h1>${para(20)}`) },
  '/registro': { body: html('<title>Crear cuenta</title>', '<h1>Regístrate</h1><form><input type="email" name="email"><input type="password" name="password"><button>Crear cuenta</button></form>') },
  '/en/waterproof-boots': { body: html('<title>Waterproof hiking boots</title>', `<h1>Waterproof hiking boots</h1>${para(10)}`, 'en') },
  '/latin1': { headers: { 'content-type': 'text/html; charset=ISO-8859-1' }, body: Buffer.from('<html lang="es"><head><title>Camisetas de montaña</title></head><body><h1>Camisetas de montaña baratas</h1></body></html>', 'latin1') },
  '/latin1-meta': { headers: { 'content-type': 'text/html' }, body: Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><title>Año nuevo</title></head><body><h1>Ofertas de Año Nuevo</h1></body></html>', 'latin1') },
  '/broken': { body: '<html><head><title>Mochilas de trail</title><body><div><h1>Mochilas <b>de trail</h1></span><p>texto <p>sin cerrar' },
  '/gzip': { headers: { 'content-encoding': 'gzip', 'content-type': 'text/html; charset=utf-8' }, body: gzipSync(html('<title>Zapatillas trail</title>', '<h1>Zapatillas trail</h1>')) },
  '/slow': { delayMs: 700, body: html('<title>Zapatillas de trail</title>', `<h1>Zapatillas de trail</h1>${para(10)}`) },
  '/big': { body: html('<title>Zapatillas de trail</title>', `<h1>Zapatillas de trail</h1>${para(10)}${'x'.repeat(3_000_000)}`) },
  // a page with a heading and a line, no offer: thin
  '/es/proximamente': { body: html('<title>Zapatillas de trail</title>', '<h1>Zapatillas de trail</h1><p>Próximamente.</p>') },
  '/r/drop': { status: 302, location: '/es/zapatillas-trail' },
  '/r/keep': { status: 301, location: '/r/keep2?{query}' },
  '/r/keep2': { status: 302, location: '/es/zapatillas-trail?{query}' },
  '/loop/a': { status: 302, location: '/loop/b' },
  '/loop/b': { status: 302, location: '/loop/a' },
  '/r/metadata': { status: 302, location: 'http://169.254.169.254/latest/meta-data/' },
  '/r/localhost': { status: 302, location: 'http://localhost:{port}/es/zapatillas-trail' },
};

/** Starts the landing-page server on 127.0.0.1 and a random port; `hang` never answers. */
export async function startLandingServer(): Promise<{ server: Server; base: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/hang') return; // never answers: the checker's timeout must fire
    const page = PAGES[url.pathname];
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(html('<title>No encontrado</title>', '<h1>404</h1>'));
    }
    const send = () => {
      const port = (server.address() as AddressInfo).port;
      if (page.location) {
        res.writeHead(page.status ?? 302, { location: page.location.replace('{query}', url.searchParams.toString()).replace('{port}', String(port)) });
        return res.end();
      }
      res.writeHead(page.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...page.headers });
      res.end(page.body);
    };
    if (page.delayMs) setTimeout(send, page.delayMs);
    else send();
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, base, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}
