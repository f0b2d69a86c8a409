import { describe, expect, it } from 'vitest';
import { campaignFromSearch } from './campaign.js';
import { toTouchpointName } from './names.js';
import { DEFAULT_STAGES, defaultStage, stageOf } from './stages.js';
import { CLICK_ID_PARAMS, CLICK_IDS } from './campaign.js';

describe('stageOf', () => {
  it('gives built-in touchpoints their default stage in both models', () => {
    expect(stageOf('purchase')).toEqual({ phase: 'during', p5: 'prime' });
    expect(stageOf('ad_landing')).toEqual({ phase: 'before', p5: 'pre_touch' });
  });
  it('lets a site override any name, custom ones included', () => {
    const overrides = { wishlist_add: { phase: 'before', p5: 'pivotal' }, purchase: { phase: 'during', p5: 'pivotal' } } as const;
    expect(stageOf('wishlist_add', overrides)).toEqual({ phase: 'before', p5: 'pivotal' });
    expect(stageOf('purchase', overrides)).toEqual({ phase: 'during', p5: 'pivotal' });
    expect(stageOf('wishlist_add')).toBeUndefined();
    expect(stageOf('toString', {})).toBeUndefined();
  });
});

describe('compact tables for the browser SDK', () => {
  it('DEFAULT_STAGE_CODES (through defaultStage) says exactly what DEFAULT_STAGES says', () => {
    for (const [name, stage] of Object.entries(DEFAULT_STAGES)) expect(defaultStage(name), name).toEqual(stage);
    for (const name of ['ad', 'landing', 'sign', 'up', 'add', 'info', 'wishlist_add', 'toString', '00', '', 'page_view0']) expect(defaultStage(name), name).toBeUndefined();
  });
  it('CLICK_ID_PARAMS lists exactly the names of CLICK_IDS', () => {
    expect(CLICK_ID_PARAMS).toEqual(Object.keys(CLICK_IDS));
  });
});

describe('campaignFromSearch', () => {
  it('reads UTM fields and the first click id', () => {
    expect(campaignFromSearch('?utm_source=google&utm_medium=cpc&utm_campaign=spring&gclid=abc&email=x@y')).toEqual({
      source: 'google', medium: 'cpc', campaign: 'spring', clickIdParam: 'gclid', clickId: 'abc', network: 'google',
    });
    expect(campaignFromSearch('?q=shoes')).toBeUndefined();
  });
});

describe('toTouchpointName', () => {
  it('turns event names from other tools into touchpoint names', () => {
    expect(toTouchpointName('Order Completed')).toBe('order_completed');
    expect(toTouchpointName('  Añadir al carrito ')).toBe('anadir_al_carrito');
    expect(toTouchpointName('123')).toBeUndefined();
  });
});
