import { parseSynonyms } from '../relevance/lexicon.js';
import { parseCsv } from './csv.js';
import { decodeCatalogue } from './decode.js';

/** One ad as the marketer registers it: what it says and where it sends people. */
export interface Ad {
  /** the ad's id in the ad network, or any unique label; also matched against `utm_content` */
  adId: string;
  source?: string;
  medium?: string;
  campaign?: string;
  term?: string;
  /** `utm_content` the ad's links carry, when it differs from `adId` */
  content?: string;
  headline?: string;
  keywords: string[];
  /** marked as a brand ad (the brand itself, for which the home page is the right landing) */
  brand?: boolean;
  /** the shop's own synonym groups, each a list of phrases (the first is the one the others are read as); they apply to the whole catalogue */
  synonyms?: string[][];
  /** where the ad links to, with its UTM parameters and click id as the ad network sends them */
  landingUrl?: string;
}

/** A row that was not imported, with the line it is on and why. */
export interface CatalogueError {
  line: number;
  message: string;
}

/** The result of reading a catalogue: every valid ad, and every bad row with its line. */
export interface ParsedCatalogue {
  ads: Ad[];
  errors: CatalogueError[];
}

/** The columns a catalogue has (CSV header or JSON keys); only `ad_id` is required. */
export const CATALOGUE_COLUMNS = ['ad_id', 'source', 'medium', 'campaign', 'term', 'content', 'headline', 'keywords', 'landing_url', 'brand', 'synonyms'] as const;
const TEXT_COLUMNS = ['ad_id', 'source', 'medium', 'campaign', 'term', 'content', 'headline', 'landing_url'] as const;
const MAX_FIELD = 2000;

/**
 * Reads an ad catalogue from CSV (header row with {@link CATALOGUE_COLUMNS}; delimiter `,` `;` or tab,
 * detected from the header; keywords separated by `|` or `;` inside their field; synonym groups separated
 * by `|`, the phrases of a group by `=`) or JSON (an array of objects, or one object per line), detected
 * from the first non-blank character. Bytes are decoded as spreadsheets write them (UTF-8 or UTF-16 with a
 * BOM, UTF-8, else Windows-1252). Bad rows are reported by line and skipped; valid rows are all kept.
 * @param input the file's content, as text or as the file's bytes
 * @param requireUrl when true (the ad checker), rows without a landing URL are errors
 * @example parseCatalogue('ad_id;headline;keywords\nA1;Zapatillas trail;trail|montaña').ads[0].keywords // ['trail','montaña']
 */
export function parseCatalogue(input: string | Uint8Array, { requireUrl = false } = {}): ParsedCatalogue {
  const text = typeof input === 'string' ? input : decodeCatalogue(input).text;
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  const rows = first === '[' || first === '{' ? jsonRows(text) : csvRows(text);
  const ads: Ad[] = [];
  const errors = [...rows.errors];
  const seen = new Map<string, number>();
  for (const { line, row } of rows.rows) {
    const result = toAd(row, requireUrl);
    if (typeof result === 'string') {
      errors.push({ line, message: result });
      continue;
    }
    const earlier = seen.get(result.adId);
    if (earlier !== undefined) {
      errors.push({ line, message: `ad_id "${result.adId}" already defined on line ${earlier}` });
      continue;
    }
    seen.set(result.adId, line);
    ads.push(result);
  }
  errors.sort((a, b) => a.line - b.line);
  return { ads, errors };
}

type Rows = { rows: Array<{ line: number; row: Record<string, unknown> }>; errors: CatalogueError[] };

function csvRows(text: string): Rows {
  const { records, error } = parseCsv(text);
  const errors: CatalogueError[] = error ? [error] : [];
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [...errors, { line: 1, message: 'empty catalogue: expected a header row with ad_id' }] };
  const names = header.fields.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  if (!names.includes('ad_id')) return { rows: [], errors: [...errors, { line: header.line, message: `header has no ad_id column (columns: ${CATALOGUE_COLUMNS.join(', ')})` }] };
  const rows: Rows['rows'] = [];
  for (const r of body) {
    if (r.fields.length !== names.length) {
      errors.push({ line: r.line, message: `expected ${names.length} fields, found ${r.fields.length}` });
      continue;
    }
    rows.push({ line: r.line, row: Object.fromEntries(names.map((n, i) => [n, r.fields[i] ?? ''])) });
  }
  return { rows, errors };
}

function jsonRows(text: string): Rows {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('[')) {
    let items: unknown;
    try {
      items = JSON.parse(trimmed);
    } catch (err) {
      return { rows: [], errors: [{ line: 1, message: `invalid JSON: ${(err as Error).message}` }] };
    }
    const lines = topLevelItemLines(text);
    const rows: Rows['rows'] = [];
    const errors: CatalogueError[] = [];
    (items as unknown[]).forEach((item, i) => {
      const line = lines[i] ?? 1;
      if (item && typeof item === 'object' && !Array.isArray(item)) rows.push({ line, row: item as Record<string, unknown> });
      else errors.push({ line, message: `item ${i + 1} is not an object` });
    });
    return { rows, errors };
  }
  // One JSON object per line (NDJSON): a broken line costs only that line.
  const rows: Rows['rows'] = [];
  const errors: CatalogueError[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    try {
      const item = JSON.parse(raw) as unknown;
      if (item && typeof item === 'object' && !Array.isArray(item)) rows.push({ line: i + 1, row: item as Record<string, unknown> });
      else errors.push({ line: i + 1, message: 'not a JSON object' });
    } catch (err) {
      errors.push({ line: i + 1, message: `invalid JSON: ${(err as Error).message}` });
    }
  });
  return { rows, errors };
}

// JSON.parse gives no positions: find the line each element of the top-level array starts on.
function topLevelItemLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let expectItem = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (depth === 1 && expectItem && c !== ']') {
      lines.push(line);
      expectItem = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectItem = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectItem = true;
  }
  return lines;
}

function toAd(row: Record<string, unknown>, requireUrl: boolean): Ad | string {
  const get = (k: string): string | undefined | Error => {
    const camel = k.replace(/_(.)/g, (_, ch: string) => ch.toUpperCase());
    const v = row[k] ?? row[camel];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' && typeof v !== 'number') return new Error(`${k}: expected text`);
    const s = String(v).trim();
    if (s.length > MAX_FIELD) return new Error(`${k}: longer than ${MAX_FIELD} characters`);
    return s === '' ? undefined : s;
  };
  const values: Record<string, string | undefined> = {};
  for (const col of TEXT_COLUMNS) {
    const v = get(col);
    if (v instanceof Error) return v.message;
    values[col] = v;
  }
  if (!values.ad_id) return 'ad_id: missing';
  let keywords: string[];
  const rawKeywords = row.keywords;
  if (Array.isArray(rawKeywords)) {
    if (!rawKeywords.every((k) => typeof k === 'string')) return 'keywords: expected a list of text';
    keywords = rawKeywords.map((k: string) => k.trim()).filter(Boolean);
  } else {
    const k = get('keywords');
    if (k instanceof Error) return k.message;
    keywords = k ? k.split(/[;|]/).map((s) => s.trim()).filter(Boolean) : [];
  }
  let brand: boolean | undefined;
  const rawBrand = row.brand;
  if (typeof rawBrand === 'boolean') brand = rawBrand;
  else {
    const b = get('brand');
    if (b instanceof Error) return b.message;
    if (b !== undefined) {
      // Yes/no as people type them in a spreadsheet, in English or Spanish.
      if (/^(yes|y|true|1|x|s[ií])$/i.test(b)) brand = true;
      else if (/^(no|n|false|0)$/i.test(b)) brand = false;
      else return `brand: expected yes or no, got "${b.slice(0, 40)}"`;
    }
  }
  let synonyms: string[][] | undefined;
  const rawSynonyms = row.synonyms;
  if (Array.isArray(rawSynonyms)) {
    if (!rawSynonyms.every((g) => Array.isArray(g) && g.every((p) => typeof p === 'string'))) return 'synonyms: expected a list of lists of text';
    synonyms = (rawSynonyms as string[][]).map((g) => g.map((p) => p.trim()).filter(Boolean)).filter((g) => g.length >= 2);
  } else {
    const sy = get('synonyms');
    if (sy instanceof Error) return sy.message;
    if (sy !== undefined) {
      synonyms = parseSynonyms(sy);
      if (synonyms.length === 0) return `synonyms: expected groups like "hoodie=sudadera con capucha|bici=bicicleta", got "${sy.slice(0, 60)}"`;
    }
  }
  const url = values.landing_url;
  if (url !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return `landing_url: not a URL: "${url.slice(0, 80)}"`;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `landing_url: must be http or https, not ${parsed.protocol}`;
  } else if (requireUrl) return 'landing_url: missing';
  return {
    adId: values.ad_id,
    source: values.source,
    medium: values.medium,
    campaign: values.campaign,
    term: values.term,
    content: values.content,
    headline: values.headline,
    keywords,
    ...(brand !== undefined ? { brand } : {}),
    ...(synonyms?.length ? { synonyms } : {}),
    landingUrl: url,
  };
}
