// Which e-mail opens and clicks a machine made, not the recipient. Stored all the same, with is_bot = 1
// and the rule that matched in `properties.machine`, so reports leave them out but nothing is lost.
//
// Opens: Apple Mail Privacy Protection pre-fetches every image of a message through Apple's proxies, read
// or not; the proxy sends the bare User-Agent `Mozilla/5.0` (no platform, no browser token) from Apple's
// own address space (17.0.0.0/8 and Apple's IPv6 blocks). Gmail's and Yahoo's image proxies fetch on the
// reader's behalf and name themselves (`GoogleImageProxy`, `YahooMailProxy`): the fetch tells neither who
// nor when, so it is not the recipient's open either.
// Clicks: mail security scanners (Microsoft Defender Safe Links, Proofpoint URL Defense, Barracuda,
// Mimecast, …) follow every link of a message on delivery, some with HEAD requests, some with a named
// User-Agent, many within seconds of the send, or right after fetching the message's images.
import { isbot } from 'isbot';

/** The request facts the rules look at. */
export interface LinkRequest {
  method: string;
  userAgent: string | null;
  /** the client's address as received (before truncation) */
  ip: string | null;
  /** ms since the link was minted (≈ sent) */
  sinceMintMs: number;
  /** ms since this collector last served the same link's open pixel, when it did */
  sinceOpenMs?: number;
}

/** A click sooner than this after the link was minted is a scanner's: a person has not received it yet. */
export const SCANNER_CLICK_WINDOW_MS = 10_000;
/** A click sooner than this after the same message's open is a scanner's: it fetches images and links together. */
export const SCANNER_AFTER_OPEN_MS = 2_000;

const MAIL_PROXY = /GoogleImageProxy|YahooMailProxy|via ggpht\.com/i;
const SCANNER = /safe ?links|Microsoft-URLAnalyzer|proofpoint|urldefense|barracuda|mimecast|forcepoint|symantec|messagelabs|trend ?micro|sophos|ironport|zscaler|fortiguard|check ?point|cisco/i;
// Apple's address space: 17.0.0.0/8 and the IPv6 blocks 2620:149::/32, 2403:300::/32 and 2a01:b740::/32.
const APPLE_IP = /^(::ffff:)?17\.|^(2620:149|2403:300|2a01:b740):/i;

/** True for an address in Apple's own ranges (where Mail Privacy Protection's proxy fetches come from). */
export const isAppleAddress = (ip: string | null): boolean => !!ip && APPLE_IP.test(ip.trim());

function common(r: LinkRequest): string | null {
  if (r.method.toUpperCase() === 'HEAD') return 'head_request';
  const ua = r.userAgent?.trim() ?? '';
  if (!ua) return 'no_user_agent';
  if (isbot(ua)) return 'bot_user_agent';
  return null;
}

/**
 * Why an open-pixel fetch is a machine's (`apple_mpp`, `mail_proxy`, …), or null for the recipient's.
 * @example machineOpen({ method: 'GET', userAgent: 'Mozilla/5.0', ip: '17.58.1.2', sinceMintMs: 60_000 }) // 'apple_mpp'
 */
export function machineOpen(r: LinkRequest): string | null {
  const ua = r.userAgent?.trim() ?? '';
  if (ua === 'Mozilla/5.0' || isAppleAddress(r.ip)) return 'apple_mpp';
  if (MAIL_PROXY.test(ua)) return 'mail_proxy';
  return common(r);
}

/**
 * Why a click is a machine's (`link_scanner`, `head_request`, `too_soon`, `right_after_open`, …), or null
 * for the recipient's.
 * @example machineClick({ method: 'HEAD', userAgent: 'Mozilla/5.0 …', ip: null, sinceMintMs: 3_000 }) // 'head_request'
 */
export function machineClick(r: LinkRequest): string | null {
  const ua = r.userAgent?.trim() ?? '';
  if (SCANNER.test(ua)) return 'link_scanner';
  const c = common(r);
  if (c) return c;
  if (r.sinceMintMs < SCANNER_CLICK_WINDOW_MS) return 'too_soon';
  if (r.sinceOpenMs !== undefined && r.sinceOpenMs < SCANNER_AFTER_OPEN_MS) return 'right_after_open';
  return null;
}
