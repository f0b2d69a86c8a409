// The schema has neither DOM nor Node types; both runtimes have this global.
interface SearchParams {
  get(name: string): string | null;
}
declare const URLSearchParams: new (init: string) => SearchParams;

/** UTM parameters, in the order reports show them. */
export const UTM_PARAMS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'utm_id'] as const;

/**
 * Ad click ids and the network each belongs to. Google: gclid, gbraid, wbraid, dclid; Meta: fbclid;
 * Microsoft: msclkid; TikTok: ttclid; LinkedIn: li_fat_id; X: twclid; Pinterest: epik;
 * Snapchat: ScCid; Reddit: rdt_cid; Yandex: yclid.
 */
export const CLICK_IDS: Readonly<Record<string, string>> = {
  gclid: 'google',
  gbraid: 'google',
  wbraid: 'google',
  dclid: 'google',
  fbclid: 'meta',
  msclkid: 'microsoft',
  ttclid: 'tiktok',
  li_fat_id: 'linkedin',
  twclid: 'x',
  epik: 'pinterest',
  ScCid: 'snapchat',
  rdt_cid: 'reddit',
  yclid: 'yandex',
};

/** The parameter names of `CLICK_IDS` as a plain list (the browser SDK strips URLs without the network names). */
export const CLICK_ID_PARAMS: readonly string[] = ['gclid', 'gbraid', 'wbraid', 'dclid', 'fbclid', 'msclkid', 'ttclid', 'li_fat_id', 'twclid', 'epik', 'ScCid', 'rdt_cid', 'yclid'];

/** Query parameters kept in collected URLs by default; all others are stripped. */
export const URL_PARAM_ALLOW_LIST: readonly string[] = [...UTM_PARAMS, ...CLICK_ID_PARAMS];

/** The campaign an ad click carried: UTM fields and the click id, if any. */
export interface Campaign {
  source?: string;
  medium?: string;
  campaign?: string;
  term?: string;
  content?: string;
  id?: string;
  /** click id parameter name, e.g. `gclid` */
  clickIdParam?: string;
  /** click id value */
  clickId?: string;
  /** the network the click id belongs to, e.g. `google` */
  network?: string;
  /** when the visitor landed (ms since epoch) */
  ts?: number;
  /** the landing URL path */
  landingPath?: string;
}

/**
 * Reads the campaign from a URL's query string, or `undefined` when it has no UTM parameter and no
 * click id.
 */
export function campaignFromSearch(search: string | SearchParams): Campaign | undefined {
  const q = typeof search === 'string' ? new URLSearchParams(search) : search;
  const c: Campaign = {};
  let found = false;
  for (const p of UTM_PARAMS) {
    const v = q.get(p);
    if (v) {
      (c as Record<string, string>)[p.slice(4)] = v;
      found = true;
    }
  }
  for (const p in CLICK_IDS) {
    const v = q.get(p);
    if (v) {
      c.clickIdParam = p;
      c.clickId = v;
      c.network = CLICK_IDS[p];
      found = true;
      break;
    }
  }
  return found ? c : undefined;
}
