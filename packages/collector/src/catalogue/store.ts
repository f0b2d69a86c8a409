import type { Store } from '../store/types.js';
import type { Ad } from './parse.js';

/**
 * Saves ads to a site's catalogue: new ad ids are added, known ones replaced (re-importing an edited
 * file is the normal way to update it). Runs as one statement per ad; ads are few (hundreds).
 * @returns how many ads were written
 * @example await saveCatalogue(store, 'shop', parseCatalogue(csv).ads)
 */
export async function saveCatalogue(store: Store, site: string, ads: readonly Ad[], now = Date.now()): Promise<number> {
  for (const ad of ads) {
    await store.query(
      `INSERT INTO ad_catalogue (site, ad_id, source, medium, campaign, term, content, headline, keywords, landing_url, brand, synonyms, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (site, ad_id) DO UPDATE SET source = excluded.source, medium = excluded.medium,
         campaign = excluded.campaign, term = excluded.term, content = excluded.content, headline = excluded.headline,
         keywords = excluded.keywords, landing_url = excluded.landing_url, brand = excluded.brand, synonyms = excluded.synonyms,
         updated_at = excluded.updated_at`,
      [site, ad.adId, ad.source ?? null, ad.medium ?? null, ad.campaign ?? null, ad.term ?? null, ad.content ?? null,
        ad.headline ?? null, JSON.stringify(ad.keywords), ad.landingUrl ?? null,
        ad.brand === undefined ? null : ad.brand ? 1 : 0, ad.synonyms?.length ? JSON.stringify(ad.synonyms) : null, now],
    );
  }
  return ads.length;
}

interface CatalogueRow {
  ad_id: string;
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
  headline: string | null;
  keywords: string;
  landing_url: string | null;
  brand: unknown;
  synonyms: string | null;
}

/**
 * Reads a site's ad catalogue, ordered by ad id.
 * @example const ads = await loadCatalogue(store, 'shop')
 */
export async function loadCatalogue(store: Store, site: string): Promise<Ad[]> {
  const rows = await store.query<CatalogueRow>(
    'SELECT ad_id, source, medium, campaign, term, content, headline, keywords, landing_url, brand, synonyms FROM ad_catalogue WHERE site = ? ORDER BY ad_id',
    [site],
  );
  return rows.map((r) => ({
    adId: r.ad_id,
    source: r.source ?? undefined,
    medium: r.medium ?? undefined,
    campaign: r.campaign ?? undefined,
    term: r.term ?? undefined,
    content: r.content ?? undefined,
    headline: r.headline ?? undefined,
    keywords: JSON.parse(r.keywords) as string[],
    ...(r.brand === null || r.brand === undefined ? {} : { brand: Number(r.brand) === 1 }),
    ...(r.synonyms ? { synonyms: JSON.parse(r.synonyms) as string[][] } : {}),
    landingUrl: r.landing_url ?? undefined,
  }));
}

/**
 * Finds the catalogue ad a landing came from: its `utm_content` is the ad's id or registered content, and
 * the campaign, when the catalogue names one, agrees.
 */
export function findAd(ads: readonly Ad[], landing: { campaign?: string | null; content?: string | null }): Ad | undefined {
  if (!landing.content) return undefined;
  return ads.find((a) => (a.adId === landing.content || a.content === landing.content) && (!a.campaign || !landing.campaign || a.campaign === landing.campaign));
}
