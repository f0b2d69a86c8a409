// `/metrics` (and `/healthz`) on a port of their own, for `serve --metrics-port` and `load
// --metrics-port`: Prometheus scrapes an internal address while the ingestion port stays public.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a metrics server serves: the text and its content type (a collector's or a loader's metrics). */
export interface MetricsSource {
  readonly contentType: string;
  render(): Promise<string>;
}

/**
 * Listens on `host:port` (0: any free port) and serves `metrics` at `/metrics`, `ok` at `/healthz`, 404
 * elsewhere. Resolves with the server and the `/metrics` URL once listening.
 *
 * @example
 * const { url } = await startMetricsServer(handler.metrics, 9464, '127.0.0.1');
 */
export async function startMetricsServer(metrics: MetricsSource, port: number, host: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/metrics') {
      metrics.render().then(
        (text) => res.writeHead(200, { 'content-type': metrics.contentType }).end(text),
        () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n'),
      );
    } else if (req.url === '/healthz') res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(new Error(err.code === 'EADDRINUSE' ? `metrics port ${port} on ${host} is already in use` : `cannot serve metrics on ${host}:${port}: ${err.message}`)));
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.address.includes(':') ? `[${address.address}]` : address.address;
  return { server, url: `http://${shown}:${address.port}/metrics` };
}
