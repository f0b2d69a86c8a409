// The bridge between Node's http objects and the handler's Web Request/Response, shared by the
// node:http, Express and Fastify adapters.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { isIngestionPath, type Handler } from '../handler.js';

/**
 * Builds a Web `Request` from a Node request. The body stays a stream, so the handler's size limit
 * applies while reading; `body` replaces it when a framework has already read the stream; `withBody:
 * false` leaves it out (the caller hands the Node stream to the handler directly).
 */
export function toWebRequest(req: IncomingMessage, body?: Buffer | string, path: string = req.url ?? '/', withBody = true): Request {
  const host = req.headers.host ?? 'localhost';
  const url = new URL(path, `http://${host}`);
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (withBody && method !== 'GET' && method !== 'HEAD') {
    // (cast: with DOM types loaded too, as in the test project, a Buffer is not a DOM BodyInit)
    init.body = (body !== undefined ? body : Readable.toWeb(req)) as RequestInit["body"];
    // Node's fetch requires `duplex: 'half'` for a streamed request body.
    init.duplex = 'half';
  }
  return new Request(url, init);
}

/**
 * The headers of a Web `Response` for Node. When the handler answered before reading the whole body
 * (413), the connection is closed after the answer: the unread rest of the upload would otherwise
 * keep the keep-alive connection, and a graceful `server.close()`, waiting forever.
 */
export function responseHeaders(response: Response, req?: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  if (req && !req.complete) headers.connection = 'close';
  return headers;
}

/** Writes a Web `Response` to a Node response. */
export async function sendWebResponse(res: ServerResponse, response: Response, req?: IncomingMessage): Promise<void> {
  const headers = responseHeaders(response, req);
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  if (body) headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

/**
 * Calls the handler for a Node request. For the ingestion endpoints the Node stream goes to the
 * handler as it is (`ClientInfo.body`): converting it to a Web stream costs more than reading it.
 *
 * @param options.body - the body when a framework already read it
 * @param options.path - the path the client asked for (default `req.url`)
 */
export function forward(handler: Handler, req: IncomingMessage, options: { body?: Buffer | string; path?: string; clientIp?: string } = {}): Promise<Response> {
  const path = options.path ?? req.url ?? '/';
  const q = path.indexOf('?');
  const direct = options.body === undefined && req.method === 'POST' && isIngestionPath(q === -1 ? path : path.slice(0, q));
  const clientIp = options.clientIp ?? req.socket.remoteAddress;
  return handler(toWebRequest(req, options.body, path, !direct), direct ? { clientIp, body: req } : { clientIp });
}
