import { isStage, NAME_PATTERN } from '@touchpoint/schema';
import { CONSENT_STATES } from './consent.js';
import { DEBUG_BUILD, message, type MessageCode } from './messages.js';
import type { Config } from './types.js';

/** Throws a TypeError with message `code` about setting `k` (its value `v`) unless `ok`. */
export const check = (ok: unknown, code: MessageCode, k: string, v: unknown): void => {
  if (!ok) throw new TypeError(message(code, k, v));
};

/**
 * Checks `init` settings and throws a TypeError naming the first bad one: misconfiguration is the one
 * place the SDK throws, so it shows up while the site is being set up rather than as missing data.
 * Production builds check what could break the page or send data to the wrong place (the config
 * object, `endpoint`, `site`); the debug build checks every setting.
 */
export function checkConfig(c: Config): void {
  check(c && typeof c == 'object', 'E1', 'config', c);
  let u: URL | 0 = 0;
  try {
    u = new URL(c.endpoint, location.href);
  } catch {
    // reported below
  }
  check(typeof c.endpoint == 'string' && u && /^https?:$/.test(u.protocol), 'E2', 'endpoint', c.endpoint);
  check(typeof c.site == 'string' && c.site && c.site.length <= 128, 'E3', 'site', c.site);
  if (!DEBUG_BUILD) return;
  for (const k of 'batchSize batchBytes flushInterval retryBase retryCap queueLimit queueBytes'.split(' ')) {
    const v = c[k as 'batchSize'];
    check(v === undefined || (Number.isFinite(v) && v >= 0), 'E4', k, v);
  }
  check(c.consent === undefined || CONSENT_STATES.includes(c.consent), 'E5', 'consent', c.consent);
  check(c.format === undefined || typeof c.format == 'function' || c.format == 'native' || c.format == 'segment', 'E6', 'format', c.format);
  // the name is checked too: an override for a name track() refuses would never apply
  for (const k in c.stages) check(NAME_PATTERN.test(k) && isStage(c.stages[k]), 'E7', `stages.${k}`, c.stages[k]);
  check(!c.onError || typeof c.onError == 'function', 'E8', 'onError', typeof c.onError);
}
