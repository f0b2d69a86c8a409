// `@touchpoint/collector/node`: the collector on `node:http`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Handler } from '../handler.js';
import { forward, sendWebResponse } from './node-bridge.js';

export { sendWebResponse, toWebRequest } from './node-bridge.js';

/**
 * Turns the collector handler into a `node:http` request listener.
 *
 * @param handler - from `createHandler` / `createCollector`
 * @example
 * import { createServer } from 'node:http';
 * createServer(toNodeListener(handler)).listen(8787);
 */
export function toNodeListener(handler: Handler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    forward(handler, req)
      .then((response) => sendWebResponse(res, response, req))
      .catch(() => {
        // The handler answers every error itself; this only catches a client that went away mid-write.
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
  };
}
