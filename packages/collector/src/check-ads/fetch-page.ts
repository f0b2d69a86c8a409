import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { TargetGuard } from './ssrf.js';

/** The checker's User-Agent: names the tool so site owners can recognise (and allow) it in their logs. */
export const CHECKER_USER_AGENT = 'TouchpointAdChecker/0.1 (+https://github.com/touchpoint/touchpoint; landing-page check)';

/** One HTTP response, read without following redirects. */
export interface PageResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** decoded (decompressed) body, at most `maxBytes` */
  body: Buffer;
  /** the body was longer than `maxBytes` and reading stopped */
  truncated: boolean;
  /** bytes of body read after decompression */
  bytes: number;
  /** ms from sending the request to the response headers */
  ttfbMs: number;
  /** ms from sending the request to the end of the body (or the cut-off) */
  totalMs: number;
}

export interface FetchPageOptions {
  guard: TargetGuard;
  /** stop reading after this many bytes */
  maxBytes: number;
  /** aborts the request (the caller's per-URL deadline) */
  signal: AbortSignal;
  /** only read the body of 2xx HTML responses (redirects and errors need only the head) */
  readBody?: (status: number, headers: IncomingHttpHeaders) => boolean;
}

/**
 * Fetches one URL with GET, without following redirects, through the SSRF guard (DNS resolved and
 * checked inside the connection; IP literals checked before it), reading at most `maxBytes` of the body.
 * Rejects with the guard's plain-words reason, a network error, or an `AbortError`.
 * @example await fetchPage(new URL('https://shop.example/'), { guard, maxBytes: 2e6, signal })
 */
export function fetchPage(url: URL, { guard, maxBytes, signal, readBody = () => true }: FetchPageOptions): Promise<PageResponse> {
  return new Promise((resolve, reject) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // Node skips `lookup` for IP literals, so those are checked here.
    if (isIP(host)) {
      const reason = guard.refuse(host, host);
      if (reason) return reject(Object.assign(new Error(reason), { code: 'ETOUCHPOINT_SSRF' }));
    }
    const started = performance.now();
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'GET',
      lookup: guard.lookup,
      agent: false,
      signal,
      headers: {
        'user-agent': CHECKER_USER_AGENT,
        accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
        'accept-language': 'es,en;q=0.8',
        'accept-encoding': 'gzip, deflate, br',
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const ttfbMs = performance.now() - started;
      const status = res.statusCode ?? 0;
      if (!readBody(status, res.headers)) {
        res.destroy();
        resolve({ status, headers: res.headers, body: Buffer.alloc(0), truncated: false, bytes: 0, ttfbMs, totalMs: ttfbMs });
        return;
      }
      const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
      const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined;
      const stream = decoder ? res.pipe(decoder) : res;
      const chunks: Buffer[] = [];
      let bytes = 0;
      let done = false;
      const finish = (truncated: boolean) => {
        if (done) return;
        done = true;
        resolve({ status, headers: res.headers, body: Buffer.concat(chunks), truncated, bytes, ttfbMs, totalMs: performance.now() - started });
      };
      stream.on('data', (chunk: Buffer) => {
        if (done) return;
        const room = maxBytes - bytes;
        if (chunk.length > room) {
          // The size limit counts decompressed bytes, so a small gzip bomb is cut off too.
          chunks.push(chunk.subarray(0, room));
          bytes += room;
          finish(true);
          res.destroy();
          decoder?.destroy();
          return;
        }
        chunks.push(chunk);
        bytes += chunk.length;
      });
      stream.on('end', () => finish(false));
      stream.on('error', (err) => (done ? undefined : (done = true, reject(err))));
      res.on('close', () => {
        if (!done && !res.complete) {
          done = true;
          reject(new Error('connection closed before the page was complete'));
        }
      });
    });
    req.end();
  });
}
