import { PHASES, P5_STAGES, TOUCHPOINT } from '@touchpoint/schema';
import { describe, expect, it } from 'vitest';
import { OFFSITE_STAGES } from '../pipeline/offsite-touchpoints.js';
import type { Channel } from '../store/types.js';
import { CHANNEL_LABELS, STAGE_LABELS, TOUCHPOINT_LABELS, channelLabel, touchpointLabel } from './labels.js';

const CHANNELS: Record<Channel, true> = { direct: true, organic_search: true, paid_search: true, social: true, paid_social: true, email: true, referral: true, display: true, affiliate: true, other: true };

describe('labels', () => {
  it('has words in both languages for every built-in touchpoint, off-site name, channel and stage', () => {
    const names = [...Object.values(TOUCHPOINT), ...Object.keys(OFFSITE_STAGES), 'checkout_step'];
    for (const [table, keys] of [[TOUCHPOINT_LABELS, names], [CHANNEL_LABELS, Object.keys(CHANNELS)], [STAGE_LABELS, [...PHASES, ...P5_STAGES]]] as const) {
      for (const key of keys) {
        expect(table[key]?.en, key).toBeTruthy();
        expect(table[key]?.es, key).toBeTruthy();
      }
    }
  });

  it('names built-in touchpoints and channels in plain words and shows custom names as given', () => {
    expect(touchpointLabel('add_shipping_info', 'en')).toBe('Shipping details');
    expect(touchpointLabel('add_shipping_info', 'es')).toBe('Datos de envío');
    expect(touchpointLabel('gift_wrap_chosen', 'es')).toBe('gift_wrap_chosen');
    expect(touchpointLabel('constructor', 'en')).toBe('constructor');
    expect(channelLabel('paid_search', 'es')).toBe('Búsqueda de pago');
    expect(channelLabel('carrier_pigeon', 'en')).toBe('carrier_pigeon');
  });
});
