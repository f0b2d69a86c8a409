import { brotliDecompress, gunzip, inflate, type InputType, type ZlibOptions } from 'node:zlib';
import { LIMITS } from '@touchpoint/schema';
import { HttpError } from '../http-error.js';

type Decompress = (buf: InputType, options: ZlibOptions, cb: (err: Error | null, out: Buffer) => void) => void;
const DECODERS: Record<string, Decompress> = { gzip: gunzip, 'x-gzip': gunzip, deflate: inflate, br: brotliDecompress as Decompress };

const tooLarge = (limit: number, what: string) => new HttpError(413, `${what} larger than ${limit} bytes`);

/**
 * Reads a request body as text, refusing it with 413 as soon as it passes `limit` bytes — while the
 * stream is read (a lying or absent Content-Length changes nothing) and again after decompression,
 * so a gzip bomb stops at `limit` bytes of output. Invalid compression gives 400, an unknown
 * `Content-Encoding` 415; invalid UTF-8 is flagged (`invalidUtf8`) for validation to refuse per event.
 *
 * @param request - the incoming request
 * @param limit - most bytes accepted, compressed and decompressed (default `LIMITS.maxBatchBytes`, 512 KB)
 * @param source - read this instead of `request.body` (a Node request stream, from the adapters)
 * @example
 * const { text, invalidUtf8 } = await readBody(request); // throws HttpError
 */
export async function readBody(request: Request, limit: number = LIMITS.maxBatchBytes, source?: AsyncIterable<Uint8Array>): Promise<{ text: string; invalidUtf8: boolean }> {
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  const decode = encoding === 'identity' || encoding === '' ? undefined : DECODERS[encoding];
  if (encoding !== 'identity' && encoding !== '' && !decode) throw new HttpError(415, `Content-Encoding "${encoding}" is not supported (use gzip)`);
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit, 'body');

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (source) {
    // Leaving the loop by throwing stops the source: the rest of an oversized upload is never read.
    for await (const chunk of source) {
      size += chunk.byteLength;
      if (size > limit) throw tooLarge(limit, 'body');
      chunks.push(chunk);
    }
  } else if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        // Stop reading: the rest of an oversized upload is never buffered.
        await reader.cancel().catch(() => {});
        throw tooLarge(limit, 'body');
      }
      chunks.push(value);
    }
  }
  let bytes: Uint8Array = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
  if (decode) bytes = await decompress(decode, bytes, limit, encoding);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), invalidUtf8: false };
  } catch {
    // Invalid bytes inside one event must not cost the other events of the batch: decode with U+FFFD
    // replacements and let validation refuse the events that contain one.
    return { text: new TextDecoder('utf-8').decode(bytes), invalidUtf8: true };
  }
}

function decompress(decode: Decompress, bytes: Uint8Array, limit: number, encoding: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxOutputLength makes zlib stop with ERR_BUFFER_TOO_LARGE instead of inflating a bomb into memory.
    decode(bytes, { maxOutputLength: limit }, (err, out) => {
      if (!err) return resolve(out);
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) reject(tooLarge(limit, 'decompressed body'));
      else reject(new HttpError(400, `body is not valid ${encoding}: ${err.message}`));
    });
  });
}

/**
 * Parses JSON text, turning a syntax error into a 400 that quotes the parser's message.
 *
 * @example
 * const body = parseJson('{"site":"shop"}');
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, `malformed JSON: ${(err as Error).message}`);
  }
}
