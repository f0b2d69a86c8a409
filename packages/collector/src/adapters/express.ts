import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Handler } from '../handler.js';
import { forward, sendWebResponse } from './node-bridge.js';

type NextFunction = (err?: unknown) => void;
type ConnectRequest = IncomingMessage & { body?: unknown; originalUrl?: string };

/**
 * Mounts the collector in an Express or Connect app as middleware: it answers the collector's paths
 * and passes everything else on with `next()`. Mount it before body parsers; if one already read the
 * body (`req.body` is set), that body is re-encoded and used.
 *
 * @param handler - from `createHandler` / `createCollector`
 * @example
 * const app = express();
 * app.use(touchpointMiddleware(handler));
 * app.listen(8787);
 */
export function touchpointMiddleware(handler: Handler): (req: ConnectRequest, res: ServerResponse, next: NextFunction) => void {
  return (req, res, next) => {
    const parsed = req.body;
    const body = parsed === undefined || req.readable ? undefined : Buffer.isBuffer(parsed) || typeof parsed === 'string' ? parsed : JSON.stringify(parsed);
    // Express strips a mount path from req.url; originalUrl is what the client sent (req.url is left
    // alone: Express puts the prefix back itself when next() is called).
    forward(handler, req, { body, path: req.originalUrl ?? req.url })
      .then((response) => {
        // 404 means "not a collector path": let the app's own routes answer.
        if (response.status === 404) return next();
        return sendWebResponse(res, response, req);
      })
      .catch(next);
  };
}
