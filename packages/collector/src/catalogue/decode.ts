import { TextDecoder } from 'node:util';

/**
 * Decodes a catalogue file the way spreadsheets write them: a UTF-8 or UTF-16 byte-order mark says so
 * (Excel's "CSV UTF-8" and "Unicode text"); otherwise UTF-8 when the bytes are valid UTF-8, else
 * Windows-1252 — what Excel's plain "CSV" export writes on Spanish and English Windows ("Montaña" as the
 * single byte 0xF1).
 * @example decodeCatalogue(readFileSync('ads.csv'))
 */
export function decodeCatalogue(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
