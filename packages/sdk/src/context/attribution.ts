import type { Attribution, Campaign } from '@touchpoint/schema';
import { ATTR, type KeyValue } from './storage.js';
import { stringify } from '../json.js';

/** The visitor's persisted first- and last-touch campaigns (empty object when none yet). */
export function readAttribution(kv: KeyValue): Attribution {
  try {
    return JSON.parse(kv.get(ATTR) || '{}') as Attribution;
  } catch {
    return {};
  }
}

/** Records an ad landing: it becomes the last touch, and the first touch when there was none. */
export function recordCampaign(kv: KeyValue, campaign: Campaign): void {
  const a = readAttribution(kv);
  kv.set(ATTR, stringify({ first: a.first || campaign, last: campaign }));
}
