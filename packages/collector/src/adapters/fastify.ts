import type { IncomingMessage } from 'node:http';
import type { Handler } from '../handler.js';
import { forward, responseHeaders } from './node-bridge.js';

// The few Fastify types used, structurally, so the package does not depend on fastify at runtime.
interface FastifyLike {
  removeAllContentTypeParsers(): void;
  addContentTypeParser(type: string, fn: (req: unknown, payload: IncomingMessage, done: (err: Error | null, body?: unknown) => void) => void): void;
  route(opts: { method: string[]; url: string; handler: (req: { raw: IncomingMessage; ip: string }, reply: ReplyLike) => Promise<unknown> }): void;
}
interface ReplyLike {
  code(status: number): ReplyLike;
  headers(h: Record<string, string>): ReplyLike;
  send(body?: Buffer): ReplyLike;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/**
 * A Fastify plugin serving the collector's routes (`/v1/*`, `/healthz`, `/readyz`, `/metrics`, plus
 * `paths` for extra routes). Register it without `fastify-plugin` so its raw-body parser stays inside
 * the plugin and the rest of the app keeps Fastify's JSON parsing.
 *
 * @param handler - from `createHandler` / `createCollector`
 * @param paths - extra paths to forward (e.g. `/admin/*` when admin routes are mounted)
 * @example
 * const app = Fastify();
 * await app.register(touchpointPlugin(handler));
 * await app.listen({ port: 8787 });
 */
export function touchpointPlugin(handler: Handler, paths: string[] = []) {
  return async function touchpoint(app: FastifyLike): Promise<void> {
    // The handler reads and limits the body itself: hand it the untouched stream.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    for (const url of ['/v1/*', '/healthz', '/readyz', '/metrics', ...paths]) {
      app.route({
        method: METHODS,
        url,
        handler: async (req, reply) => {
          const response = await forward(handler, req.raw, { clientIp: req.raw.socket.remoteAddress ?? req.ip });
          return reply.code(response.status).headers(responseHeaders(response, req.raw)).send(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
        },
      });
    }
  };
}
