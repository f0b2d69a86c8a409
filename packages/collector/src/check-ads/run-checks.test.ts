import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ad } from '../catalogue/parse.js';
import { openSqliteStore } from '../store/sqlite.js';
import { runChecks } from './run-checks.js';
import { serveShops, SHOPS } from '../../../../test/relevance-eval/run-eval.mjs';

// Two shops of the evaluation set, served on their loopback origins.
let shops: Awaited<ReturnType<typeof serveShops>>;
beforeAll(async () => {
  shops = await serveShops();
});
afterAll(() => shops.close());

const bikeAds = (): Ad[] => {
  const base = shops.origins['ciclos-norte'];
  const shop = SHOPS.find((s) => s.id === 'ciclos-norte');
  return shop!.pages.filter((p) => p.path !== '/registro').map((p, i) => ({ adId: `A${i}`, term: p.h1, keywords: [], landingUrl: `${base}${p.path}` }));
};

describe('runChecks learns the site', () => {
  it('judges one ad checked alone exactly as in a full run, when the store keeps what was learned', async () => {
    const store = openSqliteStore(':memory:');
    try {
      const ads = bikeAds();
      const nearMiss: Ad = { adId: 'road-on-mtb', term: 'bicicletas de carretera', keywords: [], landingUrl: `${shops.origins['ciclos-norte']}/bicicletas-montana` };
      const full = await runChecks([...ads, nearMiss], { allowLoopback: true, store, site: 'bikes' });
      const fromFull = full.find((r) => r.adId === 'road-on-mtb')!;
      expect(fromFull.problems.map((p) => p.code)).toEqual(['off_topic']);
      expect(fromFull.relevance?.distinguishing).toBe('carretera');
      const [alone] = await runChecks([nearMiss], { allowLoopback: true, store, site: 'bikes' });
      expect(alone!.relevance).toEqual(fromFull.relevance);
      expect(alone!.problems).toEqual(fromFull.problems);
      // Without the store, one page alone cannot tell which word distinguishes: the verdict differs.
      const [blind] = await runChecks([nearMiss], { allowLoopback: true });
      expect(blind!.relevance?.distinguishing).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
