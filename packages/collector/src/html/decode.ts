import { TextDecoder } from 'node:util';
import { Parser } from 'htmlparser2';

/** Where a page's encoding was read from. */
export type CharsetSource = 'header' | 'bom' | 'meta' | 'default' | 'fallback';

/** A decoded page. */
export interface DecodedPage {
  text: string;
  /** the encoding used, as TextDecoder names it, e.g. `utf-8` or `windows-1252` */
  charset: string;
  source: CharsetSource;
}

// HTML spec "prescan a byte stream": the meta charset must be within the first 1024 bytes.
const PRESCAN_BYTES = 1024;

const decoderFor = (label: string | undefined): TextDecoder | undefined => {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim().replace(/^["']|["']$/g, ''));
  } catch {
    return undefined; // unknown label: fall through to the next source, as browsers do
  }
};

const charsetParam = (contentType: string | null | undefined) => /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '')?.[2];

/** Finds `<meta charset>` or `<meta http-equiv="content-type" content="…; charset=…">` in the first 1 KB. */
function prescanMeta(bytes: Uint8Array): string | undefined {
  // latin1 maps every byte to one char, so ASCII markup reads correctly whatever the real encoding.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PRESCAN_BYTES)).toString('latin1');
  let found: string | undefined;
  const parser = new Parser({
    onopentag(name, attrs) {
      if (found || name !== 'meta') return;
      if (attrs.charset) found = attrs.charset;
      else if ((attrs['http-equiv'] ?? '').toLowerCase() === 'content-type') found = charsetParam(attrs.content);
    },
  }, { lowerCaseAttributeNames: true });
  parser.end(head);
  return found;
}

/**
 * Decodes an HTML response body the way a browser would pick its encoding: the `Content-Type` charset,
 * then a byte-order mark, then `<meta charset>` in the first 1 KB, else UTF-8 — and if the bytes are not
 * valid UTF-8, windows-1252 (what browsers assume for legacy Spanish and English pages; ISO-8859-1 is
 * decoded as windows-1252 too, per the WHATWG Encoding standard).
 * @example decodeHtml(bytes, 'text/html; charset=ISO-8859-1').text
 */
export function decodeHtml(bytes: Uint8Array, contentType?: string | null): DecodedPage {
  const decode = (d: TextDecoder, source: CharsetSource): DecodedPage => ({ text: d.decode(bytes), charset: d.encoding, source });
  const fromHeader = decoderFor(charsetParam(contentType));
  if (fromHeader) return decode(fromHeader, 'header');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode(new TextDecoder('utf-8'), 'bom');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode(new TextDecoder('utf-16be'), 'bom');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode(new TextDecoder('utf-16le'), 'bom');
  const fromMeta = decoderFor(prescanMeta(bytes));
  if (fromMeta) return decode(fromMeta, 'meta');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8', source: 'default' };
  } catch {
    return decode(new TextDecoder('windows-1252'), 'fallback');
  }
}
