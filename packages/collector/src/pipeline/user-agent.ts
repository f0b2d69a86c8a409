import { isbot } from 'isbot';
import UAParser from 'ua-parser-js';

/** What the collector keeps of a User-Agent. */
export interface AgentInfo {
  browser: string | null;
  os: string | null;
  /** `desktop`, `mobile`, `tablet`, `smarttv`, `console`, `wearable`, `embedded` */
  device: string | null;
  isBot: boolean;
}

const NONE: AgentInfo = { browser: null, os: null, device: null, isBot: false };
// Parsing is the slowest enrichment step and real traffic repeats a few hundred UA strings.
const cache = new Map<string, AgentInfo>();
const CACHE_SIZE = 2000;

/**
 * Browser, OS, device type and bot flag of a User-Agent string (ua-parser-js and isbot), cached.
 * An absent User-Agent is not a bot by itself: server-side senders often omit it.
 *
 * @example
 * parseUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) ...'); // { browser: 'Mobile Safari', os: 'iOS', device: 'mobile', isBot: false }
 */
export function parseUserAgent(ua: string | null | undefined): AgentInfo {
  if (!ua) return NONE;
  const hit = cache.get(ua);
  if (hit) return hit;
  const r = new UAParser(ua.slice(0, 1024)).getResult();
  const info: AgentInfo = {
    browser: r.browser.name ?? null,
    os: r.os.name ?? null,
    // ua-parser-js leaves device.type undefined for desktops.
    device: r.device.type ?? (r.browser.name || r.os.name ? 'desktop' : null),
    isBot: isbot(ua),
  };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(ua, info);
  return info;
}
