import { describe, expect, it } from 'vitest';
import { count, json, KEYED, post, testHandler, uuid7 } from '../handler.fixture.js';
import { OFFSITE_STAGES, offsiteStage } from './offsite-touchpoints.js';

describe('touchpoints outside the website', () => {
  it('have default stages, after the purchase but for a shop visit; other names have none', () => {
    expect(offsiteStage('invoice_sent')).toEqual({ phase: 'after', p5: 'post' });
    expect(offsiteStage('support_ticket_solved')).toEqual({ phase: 'after', p5: 'post' });
    expect(offsiteStage('store_visit')).toEqual({ phase: 'during', p5: 'pivotal' });
    expect(offsiteStage('toString')).toBeUndefined();
    expect(offsiteStage('wishlist_add')).toBeUndefined();
    for (const name of Object.keys(OFFSITE_STAGES)) expect(name).toMatch(/^[a-z][a-z0-9_]{0,63}$/);
  });

  it('arrive from a backend through the native API: write key, no browser origin, the user id alone — staged by default, a site override winning', async () => {
    const sites = [{ ...KEYED, stages: { phone_call: { phase: 'before', p5: 'pivotal' } as const } }];
    const { handler, store } = testHandler({ sites });
    const events = [
      { id: uuid7(), name: 'invoice_sent', ts: Date.now(), userId: 'u-42', properties: { invoice_id: 'F-2026-118', value: 129, currency: 'EUR' } },
      { id: uuid7(), name: 'support_ticket_opened', ts: Date.now(), userId: 'u-42', properties: { ticket_id: 'T-9' } },
      { id: uuid7(), name: 'phone_call', ts: Date.now(), userId: 'u-42' },
    ];
    // A server has no Origin header: the write key is what admits it.
    const res = await handler(post('/v1/touchpoints', { site: KEYED.id, writeKey: KEYED.writeKey, events }, { origin: '' }));
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ accepted: 3, duplicates: 0, rejected: [] });
    const rows = await store.query<{ name: string; phase: string; p5: string; user_id: string; anonymous_id: string | null }>('SELECT name, phase, p5, user_id, anonymous_id FROM events ORDER BY name');
    expect(rows).toEqual([
      { name: 'invoice_sent', phase: 'after', p5: 'post', user_id: 'u-42', anonymous_id: null },
      { name: 'phone_call', phase: 'before', p5: 'pivotal', user_id: 'u-42', anonymous_id: null },
      { name: 'support_ticket_opened', phase: 'after', p5: 'post', user_id: 'u-42', anonymous_id: null },
    ]);
    // without the key it is refused, and nothing is stored
    const refused = await handler(post('/v1/touchpoints', { site: KEYED.id, events: [{ ...events[0], id: uuid7() }] }, { origin: '' }));
    expect(refused.status).toBe(403);
    expect(await count(store)).toBe(3);
  });
});
