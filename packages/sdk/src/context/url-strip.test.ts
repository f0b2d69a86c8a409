import { expect, it } from 'vitest';
import { URL_PARAM_ALLOW_LIST } from '@touchpoint/schema';
import { stripUrl } from './url-strip';

it('keeps only allow-listed query parameters and drops the fragment', () => {
  expect(stripUrl('https://s.test/p?email=a%40b.c&utm_source=x&token=1&gclid=g#access_token=z')).toBe('https://s.test/p?utm_source=x&gclid=g');
  expect(stripUrl('https://s.test/p?session=1')).toBe('https://s.test/p');
});

it('keeps every allow-listed parameter and the ones the site adds', () => {
  const q = URL_PARAM_ALLOW_LIST.map((p) => `${p}=1`).join('&');
  expect(stripUrl(`https://s.test/?${q}&x=1`)).toBe(`https://s.test/?${q}`);
  expect(stripUrl('https://s.test/?ref=partner&x=1', ['ref'])).toBe('https://s.test/?ref=partner');
});

it('returns undefined for empty or unparsable URLs', () => {
  expect(stripUrl('')).toBeUndefined();
  expect(stripUrl('not a url')).toBeUndefined();
});
