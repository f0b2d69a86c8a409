// A TCP proxy the test controls, to cut a collector off its database (or NATS) mid-load: `cut()` destroys
// every open connection and refuses new ones, `restore()` lets them through again.
import { connect, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  /** the port to connect to instead of the target */
  readonly port: number;
  /** drops every connection and refuses new ones until `restore` */
  cut(): void;
  restore(): void;
  /** connections currently proxied */
  readonly open: number;
  close(): Promise<void>;
}

/**
 * Starts a proxy on a free 127.0.0.1 port forwarding to `targetPort`.
 *
 * @example
 * const proxy = await startTcpProxy(5432);
 * const url = `postgres://postgres@127.0.0.1:${proxy.port}/test`;
 * proxy.cut(); // … the collector answers 503 …
 * proxy.restore();
 */
export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let down = false;
  const server = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = connect({ port: targetPort, host: targetHost });
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    cut() {
      down = true;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    restore() {
      down = false;
    },
    get open() {
      return sockets.size / 2;
    },
    close() {
      down = true;
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
