import { describe, expect, it } from 'vitest';
import { decodeHtml } from './decode.js';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

describe('decodeHtml', () => {
  it('uses the Content-Type charset first', () => {
    expect(decodeHtml(latin1('<p>Canción</p>'), 'text/html; charset=ISO-8859-1')).toMatchObject({ text: '<p>Canción</p>', charset: 'windows-1252', source: 'header' });
  });
  it('then <meta charset> or http-equiv in the first KB', () => {
    expect(decodeHtml(latin1('<meta charset="windows-1252"><title>Montaña</title>'), 'text/html').text).toContain('Montaña');
    const equiv = decodeHtml(latin1('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><h1>Año</h1>'));
    expect(equiv).toMatchObject({ source: 'meta', charset: 'windows-1252' });
    expect(equiv.text).toContain('Año');
  });
  it('decodes UTF-8 by default and falls back to windows-1252 for bytes that are not UTF-8', () => {
    expect(decodeHtml(Buffer.from('<h1>Ñandú €</h1>', 'utf8'))).toMatchObject({ text: '<h1>Ñandú €</h1>', source: 'default' });
    expect(decodeHtml(latin1('<h1>Ñandú</h1>'))).toMatchObject({ text: '<h1>Ñandú</h1>', source: 'fallback' });
  });
  it('honours a UTF-8 byte-order mark and ignores unknown charset labels', () => {
    expect(decodeHtml(Buffer.from('\uFEFF<p>é</p>', 'utf8'), 'text/html; charset=bogus-9').source).toBe('bom');
  });
});
