import { expect, it } from 'vitest';
import { URL_PARAM_ALLOW_LIST } from '@touchpoint/schema';
import { ALLOWED_PARAM, stripUrl } from './url-strip.js';

it('keeps only allow-listed query parameters and drops the fragment', () => {
  expect(stripUrl('https://s.test/p?email=a%40b.c&utm_source=x&token=1&gclid=g#access_token=z')).toBe('https://s.test/p?utm_source=x&gclid=g');
  expect(stripUrl('https://s.test/p?session=1')).toBe('https://s.test/p');
});

it('keeps every allow-listed parameter and the ones the site adds', () => {
  const q = URL_PARAM_ALLOW_LIST.map((p) => `${p}=1`).join('&');
  expect(stripUrl(`https://s.test/?${q}&x=1`)).toBe(`https://s.test/?${q}`);
  expect(stripUrl('https://s.test/?ref=partner&x=1', { keepParams: ['ref'] })).toBe('https://s.test/?ref=partner');
});

it('its pattern is exactly the schema allow-list', () => {
  for (const p of URL_PARAM_ALLOW_LIST) expect(ALLOWED_PARAM.test(p), p).toBe(true);
  // every spelling the pattern's alternatives could produce, beyond the list, is refused
  const near = ['utm_', 'utm_x', 'wclid', 'clid', 'gbraid_', 'xgclid', 'mclid', 'sccid', 'UTM_SOURCE', 'li_fat', 'rdt', 'yclid2', 'bbraid', 'mscklid'];
  for (const p of near) expect(ALLOWED_PARAM.test(p), p).toBe(false);
  const expand = ['source', 'medium', 'campaign', 'term', 'content', 'id'].map((x) => `utm_${x}`)
    .concat(['g', 'd', 'fb', 'tt', 'tw', 'y'].map((x) => `${x}clid`), ['gbraid', 'wbraid', 'msclkid', 'li_fat_id', 'epik', 'ScCid', 'rdt_cid']);
  expect(expand.sort()).toEqual([...URL_PARAM_ALLOW_LIST].sort());
});

it('with hashRoutes keeps #/ routes, their query stripped to the same allow-list, and still drops other fragments', () => {
  expect(stripUrl('https://s.test/app?token=1#/products/42?email=a%40b.c&utm_medium=cpc&ref=x', { keepParams: ['ref'], hashRoutes: true })).toBe('https://s.test/app#/products/42?utm_medium=cpc&ref=x');
  expect(stripUrl('https://s.test/#/', { hashRoutes: true })).toBe('https://s.test/#/');
  expect(stripUrl('https://s.test/#/a#b', { hashRoutes: true })).toBe('https://s.test/#/a');
  // OAuth implicit flow and plain anchors are not routes
  expect(stripUrl('https://s.test/cb#access_token=z&state=1', { hashRoutes: true })).toBe('https://s.test/cb');
  expect(stripUrl('https://s.test/doc#install', { hashRoutes: true })).toBe('https://s.test/doc');
  expect(stripUrl('https://s.test/#/products/42?utm_medium=cpc')).toBe('https://s.test/');
});

it('returns undefined for empty or unparsable URLs', () => {
  expect(stripUrl('')).toBeUndefined();
  expect(stripUrl('not a url')).toBeUndefined();
});
