import type { Store } from '../store/types.js';
import type { SiteDoc } from './site-knowledge.js';
import type { Lang } from './stem.js';

/**
 * Keeps what the checker learned about a site (`relevance_docs`, migration 9): each page and ad once,
 * replaced when checked again, so later checks of a single ad are judged against the whole site.
 * @example await saveSiteDocs(store, 'shop', docs)
 */
export async function saveSiteDocs(store: Store, site: string, docs: readonly SiteDoc[], now = Date.now()): Promise<void> {
  for (const d of docs) {
    const { origin, key, lang, ...data } = d;
    await store.query(
      `INSERT INTO relevance_docs (site, origin, doc, lang, data, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (site, origin, doc) DO UPDATE SET lang = excluded.lang, data = excluded.data, updated_at = excluded.updated_at`,
      [site, origin, key, lang, JSON.stringify(data), now],
    );
  }
}

/**
 * Reads what is known about a site's pages and ads, every origin (or one).
 * @example const docs = await loadSiteDocs(store, 'shop')
 */
export async function loadSiteDocs(store: Store, site: string, origin?: string): Promise<SiteDoc[]> {
  const rows = await store.query<{ origin: string; doc: string; lang: string; data: string }>(
    `SELECT origin, doc, lang, data FROM relevance_docs WHERE site = ?${origin ? ' AND origin = ?' : ''} ORDER BY origin, doc`,
    origin ? [site, origin] : [site],
  );
  return rows.map((r) => ({ origin: r.origin, key: r.doc, lang: (r.lang === 'en' ? 'en' : 'es') as Lang, ...(JSON.parse(r.data) as Omit<SiteDoc, 'origin' | 'key' | 'lang'>) }));
}
