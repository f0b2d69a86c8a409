// A static file server for e2e fixtures: maps URL prefixes to directories on 127.0.0.1, random port.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };

/** The e2e fixtures folder and the SDK's build output, the usual mounts. */
export const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));
export const SDK_DIST = fileURLToPath(new URL('../../../packages/sdk/dist', import.meta.url));

/** A running static server. */
export interface StaticServer {
  /** origin, e.g. `http://127.0.0.1:40123` */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `mounts` (URL prefix → directory; longest prefix wins); 404 for anything else, never outside a mount.
 * @example
 * const site = await serveStatic({ '/': FIXTURES, '/sdk/': SDK_DIST });
 * await page.goto(`${site.url}/sdk-beacon.html`);
 */
export async function serveStatic(mounts: Record<string, string>): Promise<StaticServer> {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url || '/', 'http://x').pathname);
    const prefix = prefixes.find((p) => path.startsWith(p));
    const rel = prefix === undefined ? undefined : normalize(path.slice(prefix.length));
    if (rel === undefined || rel.startsWith('..')) return void res.writeHead(404).end();
    try {
      const body = await readFile(join(mounts[prefix!]!, rel || 'index.html'));
      res.writeHead(200, { 'content-type': TYPES[extname(rel)] || 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
