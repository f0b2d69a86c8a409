import { describe, expect, it } from 'vitest';
import { createSites } from './sites.js';

describe('createSites', () => {
  it('indexes sites by id and write key', () => {
    const sites = createSites({ sites: [{ id: 'shop', origins: ['https://shop.test'], writeKey: 'k1' }, { id: 'blog', origins: [] }] });
    expect(sites.byId('shop')?.writeKey).toBe('k1');
    expect(sites.byWriteKey('k1')?.id).toBe('shop');
    expect(sites.byId('toString')).toBeUndefined();
    expect(sites.byWriteKey('nope')).toBeUndefined();
  });

  it('matches exact origins, wildcard subdomains and *, never look-alikes', () => {
    const sites = createSites([{ id: 'a', origins: ['https://shop.test', 'https://*.shop.test'] }, { id: 'b', origins: ['*'] }]);
    const a = sites.byId('a')!;
    expect(sites.allows('https://shop.test', a)).toBe(true);
    expect(sites.allows('https://eu.shop.test', a)).toBe(true);
    expect(sites.allows('http://shop.test', a)).toBe(false);
    expect(sites.allows('https://evilshop.test', a)).toBe(false);
    expect(sites.allows('https://shop.test.evil', a)).toBe(false);
    expect(sites.allows('https://anything.example', sites.byId('b'))).toBe(true);
  });

  it('lists every problem at once: unknown fields, duplicates, bad origins, keys and stages', () => {
    expect(() =>
      createSites([
        { id: '', origins: [] },
        { id: 'a', origins: 'https://a.test' },
        { id: 'b', origins: ['https://b.test/path'], writeKey: 'k' },
        { id: 'c', origins: [], writeKey: 'k', stages: { 'Bad Name': { phase: 'soon', p5: 'post' } } },
        { id: 'b', origins: [], extra: 1 },
      ]),
    ).toThrow(
      new Error(
        [
          'invalid site config:',
          '  sites[0].id: must be a non-empty string',
          '  sites[1].origins: must be an array of origins',
          '  sites[2].origins: "https://b.test/path" is not an origin like https://shop.example',
          '  sites[3].writeKey: already used by site "b"',
          '  sites[3].stages: "Bad Name" is not a touchpoint name',
          '  sites[3].stages.Bad Name: must be { phase: before|during|after, p5: pre_touch|first_touch|pivotal|prime|post }',
          '  sites[4]: unknown field "extra"',
          '  sites[4].id: duplicate site "b"',
        ].join('\n'),
      ),
    );
  });

  it("keeps a site's own checkout funnel and refuses a bad one", () => {
    expect(createSites([{ id: 'a', origins: [], funnel: ['begin_checkout', 'gift_wrap', 'purchase'] }]).byId('a')!.funnel).toEqual(['begin_checkout', 'gift_wrap', 'purchase']);
    expect(() => createSites([
      { id: 'a', origins: [], funnel: ['purchase'] },
      { id: 'b', origins: [], funnel: ['Gift Wrap', 'purchase'] },
      { id: 'c', origins: [], funnel: ['purchase', 'purchase'] },
    ])).toThrow(new Error([
      'invalid site config:',
      '  sites[0].funnel: must be an array of 2 to 20 touchpoint names',
      '  sites[1].funnel: "Gift Wrap" is not a touchpoint name',
      '  sites[2].funnel: a step is listed twice',
    ].join('\n')));
  });
});
