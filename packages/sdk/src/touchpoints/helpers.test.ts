import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeCollector, testConfig } from '../test-client.fixture.js';
import { createClient } from '../client.js';
import type { Client, TouchpointError } from '../types.js';

let c: Client;
let col: ReturnType<typeof fakeCollector>;
let errors: TouchpointError[];
beforeEach(() => {
  localStorage.clear();
  col = fakeCollector();
  errors = [];
  c = createClient(testConfig(col, { onError: (e) => errors.push(e) }));
});
afterEach(() => c.stop());

describe('checkoutStep', () => {
  it('uses the GA4 names and step numbers of CHECKOUT_STEPS', async () => {
    const items = [{ id: 'sku-1', name: 'Trail runner', price: 59.9, quantity: 1 }];
    c.checkoutStep('begin', { value: 59.9, currency: 'EUR', items });
    c.checkoutStep('shipping');
    c.checkoutStep('payment');
    c.checkoutStep('purchase', { value: 59.9, currency: 'EUR', order_id: 'A-1', items });
    await c.flush();
    const e = col.events();
    expect(e.map((x) => [x.name, x.properties!.step, x.properties!.step_number])).toEqual([
      ['begin_checkout', 'begin', 1], ['add_shipping_info', 'shipping', 2], ['add_payment_info', 'payment', 3], ['purchase', 'purchase', 4],
    ]);
    expect(e[3]!.properties).toMatchObject({ value: 59.9, currency: 'EUR', order_id: 'A-1', items });
    expect(e[3]!.stage).toEqual({ phase: 'during', p5: 'prime' });
  });

  it('sends unknown steps as checkout_step with the step name', async () => {
    c.checkoutStep('gift_wrap', { step_number: 5 });
    c.checkoutStep('coupon');
    c.checkoutStep('' as never);
    await c.flush();
    expect(col.events().map((x) => [x.name, x.properties])).toEqual([
      ['checkout_step', { step: 'gift_wrap', step_number: 5 }], ['checkout_step', { step: 'coupon', step_number: 0 }],
    ]);
    expect(errors[0]).toMatchObject({ code: 'invalid', message: 'touchpoint: E16 checkoutStep' });
  });
});

describe('feedback', () => {
  it('accepts NPS 0–10 and CSAT 1–5 integers', async () => {
    c.feedback({ score: 0, scale: 'nps', touchpoint: 'purchase' });
    c.feedback({ score: 10, scale: 'nps' });
    c.feedback({ score: 1, scale: 'csat', touchpoint: 'support_open', comment: 'quick' });
    c.feedback({ score: 5, scale: 'csat' });
    await c.flush();
    expect(col.events().map((e) => e.properties)).toEqual([
      { score: 0, scale: 'nps', touchpoint: 'purchase' }, { score: 10, scale: 'nps' },
      { score: 1, scale: 'csat', touchpoint: 'support_open', comment: 'quick' }, { score: 5, scale: 'csat' },
    ]);
    expect(col.events()[0]!.stage).toEqual({ phase: 'after', p5: 'post' });
  });

  it('refuses out-of-range, fractional or unscaled scores with a clear error', async () => {
    c.feedback({ score: 11, scale: 'nps' });
    c.feedback({ score: 0, scale: 'csat' });
    c.feedback({ score: 4.5, scale: 'csat' });
    c.feedback({ score: 3, scale: 'stars' as never });
    await c.flush();
    expect(col.names()).toEqual([]);
    expect(errors.map((e) => e.message)).toEqual(['E19', 'E19', 'E19', 'E18'].map((code) => `touchpoint: ${code} feedback`));
  });
});

describe('signUp, supportOpen, adLanding', () => {
  it('tags sign_up and support_open with their stages', async () => {
    c.signUp({ method: 'google' });
    c.supportOpen('intercom', { page_section: 'pricing' });
    c.supportOpen('' as never);
    c.adLanding(); // no campaign in the URL
    await c.flush();
    expect(col.events().map((e) => [e.name, e.properties, e.stage!.p5])).toEqual([
      ['sign_up', { method: 'google' }, 'pivotal'], ['support_open', { page_section: 'pricing', widget: 'intercom' }, 'post'],
    ]);
    expect(errors.map((e) => e.message)).toEqual(['touchpoint: E17 supportOpen', 'touchpoint: E15 adLanding']);
  });
});
