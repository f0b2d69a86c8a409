import { isStage, NAME_PATTERN } from '@touchpoint/schema';
import { CONSENT_STATES } from './consent.js';
import type { Config } from './types.js';
import { stringify } from './json.js';

/**
 * Throws a TypeError "touchpoint.init: <setting> must be <what>, got <value>" unless `ok`: one message
 * shape for every setting.
 */
export const check = (ok: unknown, k: string, what: string, v: unknown): void => {
  if (!ok) throw new TypeError(`touchpoint.init: ${k} must be ${what}, got ${stringify(v)}`);
};

/**
 * Checks `init` settings and throws a TypeError naming the first bad one: misconfiguration is the one
 * place the SDK throws, so it shows up while the site is being set up rather than as missing data.
 */
export function checkConfig(c: Config): void {
  check(c && typeof c == 'object', 'config', 'an object like { endpoint, site }', c);
  let u: URL | 0 = 0;
  try {
    u = new URL(c.endpoint, location.href);
  } catch {
    // reported below
  }
  check(typeof c.endpoint == 'string' && u && /^https?:$/.test(u.protocol), 'endpoint', 'an http(s) URL', c.endpoint);
  check(typeof c.site == 'string' && c.site && c.site.length <= 128, 'site', 'a string of 1–128 characters', c.site);
  for (const k of 'batchSize batchBytes flushInterval retryBase retryCap queueLimit queueBytes'.split(' ')) {
    const v = c[k as 'batchSize'];
    check(v === undefined || (Number.isFinite(v) && v >= 0), k, 'a non-negative number', v);
  }
  check(c.consent === undefined || CONSENT_STATES.includes(c.consent), 'consent', `one of ${CONSENT_STATES}`, c.consent);
  check(c.format === undefined || typeof c.format == 'function' || c.format == 'native' || c.format == 'segment', 'format', "'native', 'segment' or a function", c.format);
  // the name is checked too: an override for a name track() refuses would never apply
  for (const k in c.stages) check(NAME_PATTERN.test(k) && isStage(c.stages[k]), `stages.${k}`, 'a { phase, p5 } stage', c.stages[k]);
  check(!c.onError || typeof c.onError == 'function', 'onError', 'a function', typeof c.onError);
}
