import { words } from './normalize.js';
import type { Lang } from './stem.js';

/**
 * One document the scorer learns a site from: a landing page (its blocks of text outside navigation,
 * header, footer and aside, each with a fingerprint) or a catalogue ad (its stems). Kept in the store
 * (`relevance_docs`, migration 9) so a check of one ad knows the whole site.
 */
export interface SiteDoc {
  /** scheme, host and port of the page (an ad's: of its landing URL) — a site as the checker sees it */
  origin: string;
  /** `page:/path` or `ad:ID`: a page or ad counted once however often it is checked */
  key: string;
  lang: Lang;
  /** a page's text blocks: fingerprint and stems */
  blocks?: Array<[hash: string, stems: string[]]>;
  /** an ad's stems */
  stems?: string[];
  /** `<meta property="og:site_name">` */
  siteName?: string;
  title?: string;
  path?: string;
}

/** What the scorer knows about one site, learned from its {@link SiteDoc}s. */
export interface SiteKnowledge {
  /** documents counted (pages and ads) */
  docs: number;
  /** stem → documents it appears in (a page's repeated boilerplate excluded) */
  df: ReadonlyMap<string, number>;
  /** stem → pages it appears in (boilerplate excluded): a word no page uses marks no part of the site */
  pageDf: ReadonlyMap<string, number>;
  /** fingerprints of text blocks repeated across the site's pages (menus, footers, banners) */
  boilerplate: ReadonlySet<string>;
  /** the site's name: og:site_name, else the part of the title its pages share, else the domain */
  siteName?: string;
}

/** A block repeated on at least this many pages, and on this share of them, is the site's boilerplate. */
export const BOILERPLATE_MIN_PAGES = 3;
export const BOILERPLATE_MIN_SHARE = 0.4;

/**
 * Learns a site from its documents: which text blocks repeat across its pages (boilerplate), how many
 * documents each stem appears in outside that boilerplate, and the site's name.
 * @example const site = learnSite(docs.filter((d) => d.origin === origin))
 */
export function learnSite(docs: readonly SiteDoc[], host?: string): SiteKnowledge {
  const pages = docs.filter((d) => d.blocks);
  const seen = new Map<string, number>();
  for (const p of pages) for (const h of new Set(p.blocks!.map(([hash]) => hash))) seen.set(h, (seen.get(h) ?? 0) + 1);
  const need = Math.max(BOILERPLATE_MIN_PAGES, Math.ceil(BOILERPLATE_MIN_SHARE * pages.length));
  const boilerplate = new Set([...seen].filter(([, n]) => n >= need).map(([h]) => h));
  const df = new Map<string, number>();
  const pageDf = new Map<string, number>();
  for (const d of docs) {
    const own = new Set(d.blocks ? d.blocks.filter(([h]) => !boilerplate.has(h)).flatMap(([, s]) => s) : d.stems ?? []);
    for (const s of own) {
      df.set(s, (df.get(s) ?? 0) + 1);
      if (d.blocks) pageDf.set(s, (pageDf.get(s) ?? 0) + 1);
    }
  }
  return { docs: docs.length, df, pageDf, boilerplate, siteName: siteNameOf(pages, host) };
}

/**
 * How specific a stem is to a part of the site, 0 (on every page) to 1 (in one document only):
 * ln(1 + N/df) / ln(1 + N), over its pages and ads. `undefined` when none of the site's pages uses the word
 * (an ad's own word marks no part of the site) or too little is known (fewer than 3 documents).
 */
export function specificity(site: SiteKnowledge | undefined, stem: string): number | undefined {
  if (!site || site.docs < 3) return undefined;
  const df = site.df.get(stem);
  if (!df || !site.pageDf.get(stem)) return undefined;
  return Math.log(1 + site.docs / df) / Math.log(1 + site.docs);
}

const titleParts = (title: string) => title.split(/\s+[|–—·:\-]\s+/).map((s) => s.trim()).filter(Boolean);
const mostCommon = (list: string[]): [string, number] | undefined => {
  const n = new Map<string, number>();
  for (const x of list) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
};

/**
 * A site's name: its most common `og:site_name`; else the title part most of its pages share
 * ("Escapadas a Lisboa - Viajes Sol", "Vuelos - Viajes Sol" → "Viajes Sol"); else the home page's title
 * up to its first separator; else the domain's name ("www.tecnocasa.es" → "tecnocasa").
 */
export function siteNameOf(pages: ReadonlyArray<Pick<SiteDoc, 'siteName' | 'title' | 'path'>>, host?: string): string | undefined {
  const og = mostCommon(pages.map((p) => p.siteName?.trim() ?? '').filter(Boolean));
  if (og) return og[0];
  const shared = mostCommon(pages.flatMap((p) => [...new Set(titleParts(p.title ?? ''))]));
  if (shared && shared[1] >= 2) return shared[0];
  const home = pages.find((p) => p.path === '/' && p.title);
  if (home) return titleParts(home.title!)[0];
  if (host && !/^[\d.]+$|:/.test(host)) {
    const labels = host.toLowerCase().replace(/^www\./, '').split('.');
    return labels.length > 1 ? labels[labels.length - 2] : labels[0];
  }
  return undefined;
}

/** The site name as one folded string without spaces ("Tecno Casa", "TecnoCasa" → "tecnocasa"). */
export const nameKey = (name: string) => words(name).join('');
