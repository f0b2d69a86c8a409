// A late retry from an erased person's browser: the collector answers 200 (so the browser stops
// retrying), stores nothing and counts it; other people's events in the same batch are stored.
import { describe, expect, it } from 'vitest';
import { forgetPerson } from '../people/forget-person.js';
import { count, json, pageView, post, testHandler } from '../handler.fixture.js';

describe('ingestion of erased people', () => {
  it('drops a late retry after forget, keeps the rest of the batch, and counts it in touchpoint_events_suppressed_total', async () => {
    const { store, handler } = testHandler();
    const first = pageView({ anonymousId: 'gone' });
    expect((await json(await handler(post('/v1/touchpoints', { site: 'shop', events: [first] })))).accepted).toBe(1);
    const erased = await forgetPerson(store, 'shop', { anonymous: 'gone' });
    expect(erased.deleted.events).toBe(1);

    // The browser retries the same event (its acknowledgement was lost) and sends a new one; someone
    // else's event shares the batch; the erased user id arrives from a backend.
    await store.query("INSERT INTO suppressed_ids (site, kind, id, at) VALUES ('shop', 'user', 'u-gone', 0)");
    const res = await handler(post('/v1/touchpoints', { site: 'shop', events: [first, pageView({ anonymousId: 'gone' }), pageView({ anonymousId: 'stays' }), pageView({ anonymousId: 'new', userId: 'u-gone' })] }));
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect(await count(store, "anonymous_id IN ('gone', 'new')")).toBe(0);
    expect(await count(store, "anonymous_id = 'stays'")).toBe(1);
    expect(await handler.metrics.render()).toMatch(/^touchpoint_events_suppressed_total 3$/m);
    await store.close();
  });

  it('does not suppress the same id on another site', async () => {
    const { store, handler } = testHandler();
    await store.query("INSERT INTO suppressed_ids (site, kind, id, at) VALUES ('keyed', 'anonymous', 'a1', 0)");
    expect((await json(await handler(post('/v1/touchpoints', { site: 'shop', events: [pageView({ anonymousId: 'a1' })] })))).accepted).toBe(1);
    await store.close();
  });
});
