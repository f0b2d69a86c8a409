// What every admin API answer shares: JSON, never cached, never sniffed; and reading a JSON body within a limit.
import { HttpError } from '../http-error.js';
import { BadParam } from './params.js';

const API_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/**
 * What a report endpoint answers in: `format=json` (the default) or `format=csv` (a spreadsheet download,
 * the CLI's `--format csv` columns). Anything else is a 400.
 */
export function reportFormat(q: URLSearchParams): 'json' | 'csv' {
  const format = q.get('format') ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new BadParam(`format: must be json or csv, got "${format.slice(0, 40)}"`);
  return format;
}

/**
 * A report as a CSV download named after it and its site, e.g. `touchpoint-attribution-shop.csv`
 * (the site's characters outside letters, digits, `.`, `_` and `-` become `_`).
 */
export function csvDownload(report: string, site: string | undefined, csv: string): Response {
  const name = `touchpoint-${report}${site ? `-${site.replace(/[^\w.-]/g, '_')}` : ''}.csv`;
  return new Response(csv, {
    status: 200,
    headers: { ...API_HEADERS, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` },
  });
}

/** A JSON answer with the admin API's headers. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { ...API_HEADERS, ...headers } });

/**
 * Reads a JSON object body of at most `maxBytes`. Only `application/json` is read: a cross-site HTML
 * form cannot send it without a CORS preflight, which the collector does not grant to the admin API.
 */
export async function readJsonObject(request: Request, maxBytes = 65_536): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) throw new HttpError(415, 'send the body as Content-Type: application/json');
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw new HttpError(413, `body larger than ${maxBytes} bytes`);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw new HttpError(413, `body larger than ${maxBytes} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadParam('body: not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadParam('body: expected a JSON object');
  return body as Record<string, unknown>;
}
