import type { Campaign } from '@touchpoint/schema';
import type { Channel } from '../store/types.js';

// Hosts matched on their registrable part, so www./m./l. prefixes and country domains all count.
const SEARCH = /(^|\.)(google|bing|yahoo|duckduckgo|baidu|yandex|ecosia|qwant|naver|seznam|startpage|ask)\.[a-z.]+$|^search\.brave\.com$/;
const SOCIAL = /(^|\.)(facebook|fb|instagram|linkedin|lnkd|twitter|reddit|pinterest|tiktok|youtube|snapchat|threads|bsky|mastodon|quora|vk|weibo|tumblr|whatsapp)\.[a-z.]+$|^(t\.co|(www\.)?x\.com)$/;
const MAIL = /(^|\.)(mail\.google\.com|outlook\.live\.com|outlook\.office\.com|mail\.yahoo\.com|mail\.proton\.me)$/;
const SOCIAL_SOURCE = /^(facebook|fb|instagram|ig|meta|linkedin|twitter|x|reddit|pinterest|tiktok|youtube|snapchat|threads)$/;
const SEARCH_SOURCE = /^(google|bing|yahoo|duckduckgo|baidu|yandex|ecosia)$/;
// Networks whose click ids mean a paid social click; Meta's fbclid is excluded because Facebook also
// appends it to organic outbound links.
const PAID_SOCIAL_NETWORKS = new Set(['tiktok', 'linkedin', 'x', 'pinterest', 'snapchat', 'reddit']);

// The host of an absolute http(s) URL, without building a URL object (this runs for every event).
const HOST = /^https?:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]+)/i;
const hostOf = (url: string | undefined) => {
  const m = url ? HOST.exec(url) : null;
  return m ? m[1]!.toLowerCase() : undefined;
};

function fromMedium(medium: string, source: string): Channel | undefined {
  const social = SOCIAL_SOURCE.test(source);
  if (/^(cpc|ppc|paid[-_ ]?search|sem|paid)$/.test(medium)) return social ? 'paid_social' : 'paid_search';
  if (/^(paid[-_ ]?social|social[-_ ]?paid|social[-_ ]?ads?)$/.test(medium)) return 'paid_social';
  if (/^(display|banner|cpm|programmatic|video|interstitial)$/.test(medium)) return social ? 'paid_social' : 'display';
  if (/^(e[-_ ]?mail|newsletter)$/.test(medium)) return 'email';
  if (/^(social|social[-_ ]?network|social[-_ ]?media|sm|organic[-_ ]?social)$/.test(medium)) return 'social';
  if (/^(affiliates?|partners?)$/.test(medium)) return 'affiliate';
  if (medium === 'organic') return 'organic_search';
  if (medium === 'referral') return 'referral';
  return undefined;
}

/**
 * Classifies where a visit came from, in GA4's spirit: UTM medium first, then the click id, then the
 * referrer's host; no referrer (or one from the same site) is `direct`.
 *
 * @param input.campaign - UTM/click id of the landing (event campaign, or read from the page URL)
 * @param input.referrer - the page's referrer
 * @param input.url - the page URL (a referrer on the same host is internal navigation)
 * @example
 * classifyChannel({ campaign: { source: 'google', medium: 'cpc' } }); // 'paid_search'
 * classifyChannel({ referrer: 'https://www.bing.com/' }); // 'organic_search'
 */
export function classifyChannel(input: { campaign?: Campaign; referrer?: string; url?: string }): Channel {
  const c = input.campaign;
  const medium = c?.medium?.trim().toLowerCase() ?? '';
  const source = c?.source?.trim().toLowerCase() ?? '';
  const byMedium = medium ? fromMedium(medium, source) : undefined;
  if (byMedium) return byMedium;
  if (c?.clickIdParam) {
    if (c.clickIdParam === 'dclid') return 'display';
    if (c.clickIdParam === 'fbclid') return 'social';
    return PAID_SOCIAL_NETWORKS.has(c.network ?? '') ? 'paid_social' : 'paid_search';
  }
  if (source) {
    if (SOCIAL_SOURCE.test(source)) return 'social';
    if (SEARCH_SOURCE.test(source)) return 'organic_search';
    if (/^(e[-_ ]?mail|newsletter)$/.test(source)) return 'email';
  }
  const ref = hostOf(input.referrer);
  if (!ref || ref === hostOf(input.url)) return medium || source ? 'other' : 'direct';
  if (MAIL.test(ref)) return 'email';
  if (SEARCH.test(ref)) return 'organic_search';
  if (SOCIAL.test(ref)) return 'social';
  return 'referral';
}
