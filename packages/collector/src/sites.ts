import { readFileSync } from 'node:fs';
import { isStage, LIMITS, NAME_PATTERN, type StageOverrides } from '@touchpoint/schema';

/** One site the collector accepts touchpoints for. */
export interface SiteConfig {
  /** site id, as sent in batches (`site`) */
  id: string;
  /**
   * Browser origins allowed to send (CORS allow-list): exact origins like `https://shop.example`,
   * wildcard subdomains like `https://*.shop.example`, or `*` for any.
   */
  origins: string[];
  /** when set, every request must carry it (body `writeKey` or basic-auth user); Segment clients find the site by it */
  writeKey?: string;
  /** per-site journey stages: touchpoint name → `{ phase, p5 }`, over the built-in defaults */
  stages?: StageOverrides;
  /**
   * the site's checkout funnel: touchpoint names in order (2–20, built-in or custom), replacing the default
   * `begin_checkout → add_shipping_info → add_payment_info → purchase` of the funnel report
   */
  funnel?: string[];
}

/** The sites a collector serves, indexed for the request path. */
export interface Sites {
  byId(id: string): SiteConfig | undefined;
  byWriteKey(key: string): SiteConfig | undefined;
  /** true when `origin` may send for `site` (or, without a site, for any site — CORS preflight) */
  allows(origin: string, site?: SiteConfig): boolean;
  list(): readonly SiteConfig[];
}

const own = <T>(map: Map<string, T>, key: string) => map.get(key);

function originMatches(pattern: string, origin: string): boolean {
  if (pattern === '*') return true;
  const star = pattern.indexOf('://*.');
  if (star === -1) return pattern === origin;
  // https://*.shop.example matches https://www.shop.example but not https://shop.example.evil
  const scheme = pattern.slice(0, star + 3);
  const suffix = pattern.slice(star + 4);
  return origin.startsWith(scheme) && origin.endsWith(suffix) && origin.length > scheme.length + suffix.length;
}

/**
 * Checks a list of site configs and indexes it. Throws one error naming every problem (unknown
 * fields are refused so a typo such as `origin` for `origins` is caught at start-up).
 *
 * @param input - parsed JSON: an array of sites or `{ "sites": [...] }`
 * @example
 * const sites = createSites([{ id: 'shop', origins: ['https://shop.example'], writeKey: 'wk_live_1' }]);
 */
export function createSites(input: unknown): Sites {
  const list = Array.isArray(input) ? input : (input as { sites?: unknown } | null)?.sites;
  const problems: string[] = [];
  if (!Array.isArray(list)) throw new Error('site config must be an array of sites or { "sites": [...] }');
  const sites: SiteConfig[] = [];
  const ids = new Map<string, SiteConfig>();
  const keys = new Map<string, SiteConfig>();
  list.forEach((raw: unknown, i: number) => {
    const at = `sites[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return void problems.push(`${at}: must be an object`);
    const o = raw as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!['id', 'origins', 'writeKey', 'stages', 'funnel'].includes(k)) problems.push(`${at}: unknown field "${k}"`);
    if (typeof o.id !== 'string' || !o.id || o.id.length > LIMITS.maxIdLength) problems.push(`${at}.id: must be a non-empty string`);
    else if (ids.has(o.id)) problems.push(`${at}.id: duplicate site "${o.id}"`);
    const origins = o.origins ?? [];
    if (!Array.isArray(origins) || origins.some((x) => typeof x !== 'string')) problems.push(`${at}.origins: must be an array of origins`);
    else for (const x of origins as string[]) if (x !== '*' && !/^https?:\/\/(\*\.)?[^/\s*]+$/.test(x)) problems.push(`${at}.origins: "${x}" is not an origin like https://shop.example`);
    if (o.writeKey !== undefined && (typeof o.writeKey !== 'string' || !o.writeKey)) problems.push(`${at}.writeKey: must be a non-empty string`);
    else if (typeof o.writeKey === 'string' && keys.has(o.writeKey)) problems.push(`${at}.writeKey: already used by site "${keys.get(o.writeKey)!.id}"`);
    if (o.stages !== undefined) {
      if (typeof o.stages !== 'object' || o.stages === null || Array.isArray(o.stages)) problems.push(`${at}.stages: must be an object of name → { phase, p5 }`);
      else for (const [name, stage] of Object.entries(o.stages)) {
        if (!NAME_PATTERN.test(name)) problems.push(`${at}.stages: "${name}" is not a touchpoint name`);
        if (!isStage(stage)) problems.push(`${at}.stages.${name}: must be { phase: before|during|after, p5: pre_touch|first_touch|pivotal|prime|post }`);
      }
    }
    if (o.funnel !== undefined) {
      const f = o.funnel;
      if (!Array.isArray(f) || f.length < 2 || f.length > 20) problems.push(`${at}.funnel: must be an array of 2 to 20 touchpoint names`);
      else {
        for (const name of f) if (typeof name !== 'string' || !NAME_PATTERN.test(name)) problems.push(`${at}.funnel: ${JSON.stringify(name)} is not a touchpoint name`);
        if (new Set(f).size !== f.length) problems.push(`${at}.funnel: a step is listed twice`);
      }
    }
    if (typeof o.id === 'string' && o.id && !ids.has(o.id)) {
      const site: SiteConfig = { id: o.id, origins: Array.isArray(origins) ? (origins as string[]).filter((x) => typeof x === 'string') : [] };
      if (typeof o.writeKey === 'string' && o.writeKey) site.writeKey = o.writeKey;
      if (o.stages && typeof o.stages === 'object') site.stages = { ...(o.stages as StageOverrides) };
      if (Array.isArray(o.funnel)) site.funnel = [...(o.funnel as string[])];
      ids.set(site.id, site);
      if (site.writeKey && !keys.has(site.writeKey)) keys.set(site.writeKey, site);
      sites.push(site);
    }
  });
  if (problems.length) throw new Error(`invalid site config:\n  ${problems.join('\n  ')}`);
  const allOrigins = sites.flatMap((s) => s.origins);
  return {
    byId: (id) => own(ids, id),
    byWriteKey: (key) => own(keys, key),
    allows: (origin, site) => (site ? site.origins : allOrigins).some((p) => originMatches(p, origin)),
    list: () => sites,
  };
}

/**
 * Reads and checks a JSON site config file; errors name the file and the problem.
 *
 * @example
 * const sites = loadSitesFile('./sites.json');
 */
export function loadSitesFile(path: string): Sites {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read site config "${path}": ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`site config "${path}" is not valid JSON: ${(err as Error).message}`);
  }
  try {
    return createSites(json);
  } catch (err) {
    throw new Error(`${(err as Error).message.replace('invalid site config', `invalid site config "${path}"`)}`);
  }
}
