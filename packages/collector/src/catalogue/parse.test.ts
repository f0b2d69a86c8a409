import { describe, expect, it } from 'vitest';
import { parseCatalogue } from './parse.js';

describe('parseCatalogue (CSV)', () => {
  it('reads every column, splits keywords on ; or |, keeps quoted commas and newlines', () => {
    const csv = 'ad_id,source,medium,campaign,term,content,headline,keywords,landing_url\r\n'
      + 'A1,google,cpc,trail-otono,zapatillas trail,,"Zapatillas, trail","trail;montaña|ligeras",https://shop.example/es/trail?utm_source=google\r\n'
      + 'A2,meta,paid_social,rebajas,,v2,"Rebajas\nde otoño",,\r\n';
    const { ads, errors } = parseCatalogue(csv);
    expect(errors).toEqual([]);
    expect(ads[0]).toEqual({ adId: 'A1', source: 'google', medium: 'cpc', campaign: 'trail-otono', term: 'zapatillas trail', content: undefined, headline: 'Zapatillas, trail', keywords: ['trail', 'montaña', 'ligeras'], landingUrl: 'https://shop.example/es/trail?utm_source=google' });
    expect(ads[1]).toMatchObject({ adId: 'A2', content: 'v2', headline: 'Rebajas\nde otoño', keywords: [] });
  });

  it('reports bad rows by their line and keeps every valid row', () => {
    const csv = [
      'ad_id,headline,landing_url', // 1
      'A1,Good,https://a.example/', // 2
      ',No id,https://a.example/', // 3
      'A3,Bad url,javascript:alert(1)', // 4
      'A4,"multi', // 5
      'line",https://a.example/x', // 6
      'A5,too,many,fields', // 7
      'A1,Duplicate,https://a.example/', // 8
      'A6,No url,', // 9
    ].join('\n');
    const { ads, errors } = parseCatalogue(csv);
    expect(ads.map((a) => a.adId)).toEqual(['A1', 'A4', 'A6']);
    expect(errors).toEqual([
      { line: 3, message: 'ad_id: missing' },
      { line: 4, message: 'landing_url: must be http or https, not javascript:' },
      { line: 7, message: 'expected 3 fields, found 4' },
      { line: 8, message: 'ad_id "A1" already defined on line 2' },
    ]);
    expect(parseCatalogue(csv, { requireUrl: true }).errors).toContainEqual({ line: 9, message: 'landing_url: missing' });
  });

  it('says what is wrong with a file without a header or with an unterminated quote', () => {
    expect(parseCatalogue('').errors).toEqual([{ line: 1, message: 'empty catalogue: expected a header row with ad_id' }]);
    expect(parseCatalogue('id,headline\n1,x').errors[0]!.message).toMatch(/header has no ad_id column/);
    const r = parseCatalogue('ad_id,headline\nA1,ok\nA2,"never closed\n');
    expect(r.ads.map((a) => a.adId)).toEqual(['A1']);
    expect(r.errors).toEqual([{ line: 3, message: 'unterminated quoted field' }]);
  });
});

describe('parseCatalogue (JSON)', () => {
  it('reads an array of objects (snake or camel case keys) and reports bad items by line', () => {
    const json = `[
  {"ad_id": "A1", "headline": "Trail", "keywords": ["trail", "montaña"], "landing_url": "https://a.example/"},
  {"adId": "A2", "landingUrl": "https://a.example/2"},
  {"headline": "no id"},
  "nope",
  {"ad_id": "A5", "keywords": [1, 2]}
]`;
    const { ads, errors } = parseCatalogue(json);
    expect(ads.map((a) => [a.adId, a.landingUrl])).toEqual([['A1', 'https://a.example/'], ['A2', 'https://a.example/2']]);
    expect(ads[0]!.keywords).toEqual(['trail', 'montaña']);
    expect(errors).toEqual([
      { line: 4, message: 'ad_id: missing' },
      { line: 5, message: 'item 4 is not an object' },
      { line: 6, message: 'keywords: expected a list of text' },
    ]);
  });

  it('reads one object per line and reports a broken line without losing the others', () => {
    const { ads, errors } = parseCatalogue('{"ad_id":"A1"}\n{broken\n\n{"ad_id":"A3","headline":"ok"}\n');
    expect(ads.map((a) => a.adId)).toEqual(['A1', 'A3']);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(2);
    expect(errors[0]!.message).toMatch(/^invalid JSON/);
  });

  it('reports unparseable JSON as a whole', () => {
    expect(parseCatalogue('[{"ad_id": "A1",]').errors[0]).toMatchObject({ line: 1, message: expect.stringMatching(/^invalid JSON/) });
  });
});

describe('parseCatalogue (spreadsheet exports)', () => {
  const rows = (d: string) => [['ad_id', 'headline', 'keywords', 'brand', 'synonyms', 'landing_url'], ['A1', 'Bicicletas, de montaña', 'mtb|montaña', 'no', 'bici=bicicleta', 'https://a.example/mtb'], ['A2', 'Ciclos Norte', '', 'sí', '', 'https://a.example/']]
    .map((r) => r.map((f) => (f.includes(d) || f.includes(',') ? `"${f}"` : f)).join(d)).join('\r\n');
  it.each([[',', 'comma'], [';', 'semicolon (Excel in Spanish)'], ['\t', 'tab']])('reads a %s-delimited file (%s), BOM and CRLF', (d) => {
    const { ads, errors } = parseCatalogue(`\uFEFF${rows(d)}\r\n`);
    expect(errors).toEqual([]);
    expect(ads).toEqual([
      { adId: 'A1', headline: 'Bicicletas, de montaña', keywords: ['mtb', 'montaña'], brand: false, synonyms: [['bici', 'bicicleta']], landingUrl: 'https://a.example/mtb', source: undefined, medium: undefined, campaign: undefined, term: undefined, content: undefined },
      { adId: 'A2', headline: 'Ciclos Norte', keywords: [], brand: true, landingUrl: 'https://a.example/', source: undefined, medium: undefined, campaign: undefined, term: undefined, content: undefined },
    ]);
  });
  it('decodes a Windows-1252 export from Excel (bytes that are not UTF-8)', () => {
    const bytes = Buffer.from('ad_id;headline;keywords\r\nA1;Montaña niños;"trail;montaña"\r\n', 'latin1');
    expect(parseCatalogue(bytes).ads[0]).toMatchObject({ headline: 'Montaña niños', keywords: ['trail', 'montaña'] });
    expect(parseCatalogue(Buffer.from('\uFEFFad_id,headline\nA1,Año', 'utf8')).ads[0]!.headline).toBe('Año');
  });
  it('says what is wrong with a bad brand or synonyms value, keeping the other rows', () => {
    const { ads, errors } = parseCatalogue('ad_id;brand;synonyms\nA1;maybe;\nA2;;hoodie\nA3;yes;');
    expect(ads.map((a) => a.adId)).toEqual(['A3']);
    expect(errors).toEqual([
      { line: 2, message: 'brand: expected yes or no, got "maybe"' },
      { line: 3, message: 'synonyms: expected groups like "hoodie=sudadera con capucha|bici=bicicleta", got "hoodie"' },
    ]);
  });
});
