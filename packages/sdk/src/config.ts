import { isStage, NAME_PATTERN } from '@touchpoint/schema';
import { CONSENT_STATES } from './consent';
import type { Config } from './types';

const fail = (msg: string): never => {
  throw new TypeError(`touchpoint.init: ${msg}`);
};

/**
 * Checks `init` settings and throws a TypeError naming the first bad one: misconfiguration is the one
 * place the SDK throws, so it shows up while the site is being set up rather than as missing data.
 */
export function checkConfig(c: Config): void {
  if (!c || typeof c != 'object') fail('expected a config object, e.g. init({ endpoint, site })');
  let u: URL | undefined;
  try {
    u = new URL(c.endpoint, location.href);
  } catch {
    // reported below
  }
  if (typeof c.endpoint != 'string' || !u || !/^https?:$/.test(u.protocol)) fail(`endpoint must be an http(s) URL, got ${JSON.stringify(c.endpoint)}`);
  if (typeof c.site != 'string' || !c.site || c.site.length > 128) fail(`site must be a non-empty string of at most 128 characters, got ${JSON.stringify(c.site)}`);
  for (const k of ['batchSize', 'batchBytes', 'flushInterval', 'retryBase', 'retryCap', 'queueLimit', 'queueBytes'] as const) {
    const v = c[k];
    if (v !== undefined && !(typeof v == 'number' && v >= 0 && Number.isFinite(v))) fail(`${k} must be a non-negative number, got ${JSON.stringify(v)}`);
  }
  if (c.consent !== undefined && !CONSENT_STATES.includes(c.consent)) fail(`consent must be granted, denied or pending, got ${JSON.stringify(c.consent)}`);
  if (c.format !== undefined && typeof c.format != 'function' && c.format != 'native' && c.format != 'segment') fail(`format must be 'native', 'segment' or a function, got ${JSON.stringify(c.format)}`);
  for (const k in c.stages) {
    if (!NAME_PATTERN.test(k) || !isStage(c.stages[k])) fail(`stages.${k} must be { phase: before|during|after, p5: pre_touch|first_touch|pivotal|prime|post } under a touchpoint name`);
  }
  if (c.onError !== undefined && typeof c.onError != 'function') fail('onError must be a function');
}
