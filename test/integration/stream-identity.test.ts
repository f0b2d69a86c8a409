// Identity through the JetStream loader: a collector publishes touchpoints (an identify, a verified
// cookie claim, a conflicting identify) to the stream, a loader writes them through Store.write, and
// the links, the conflict row, the conflict counter and the person-keyed rollup are what the collector
// writing directly would have left — on PostgreSQL and on SQLite. Real NATS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../packages/collector/src/log';
import { openPostgresStore } from '../../packages/collector/src/store/postgres';
import { openSqliteStore } from '../../packages/collector/src/store/sqlite';
import type { Store } from '../../packages/collector/src/store/types';
import { startLoader } from '../../packages/collector/src/stream/loader';
import { openStreamSink } from '../../packages/collector/src/stream/publisher';
import { connectNats, ensureConsumer, ensureStream } from '../../packages/collector/src/stream/setup';
import { storedEvent } from './support/events';
import { deleteStream, NATS_URL, requireNats, uniqueStream } from './support/nats';
import { dropSchema, PG_URL, requirePostgres, uniqueSchema, type AdminClient } from './support/pg';
import { waitUntil } from './support/processes';

const schema = uniqueSchema('stream_identity');
const dir = mkdtempSync(join(tmpdir(), 'tp-stream-identity-'));
const streams: string[] = [];
let admin: AdminClient;

beforeAll(async () => {
  await requireNats();
  admin = await requirePostgres();
});
afterAll(async () => {
  for (const s of streams) await deleteStream(NATS_URL, s);
  await dropSchema(admin, schema);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
});

const STORES: Array<[string, () => Promise<Store>]> = [
  ['PostgreSQL', () => openPostgresStore(PG_URL, { schema, poolSize: 2 })],
  ['SQLite', async () => openSqliteStore(join(dir, 'loader.db'))],
];

describe.each(STORES)('the loader on %s', (label, open) => {
  it('writes the links of what it loads: identify, a cookie claim (linkTo through the stream codec), a conflict counted', async () => {
    const names = uniqueStream(`identity-${label.toLowerCase()}`);
    streams.push(names.stream);
    const site = `${label}-ids-${names.stream.slice(-8).toLowerCase()}`;
    const t = 1_767_600_000_000;
    const sink = await openStreamSink({ url: NATS_URL, ...names });
    await sink.write([
      storedEvent({ site, id: 'l1', ts: t, anonymousId: 'phone', channel: 'paid_social' }),
      storedEvent({ site, id: 'l2', ts: t + 1, anonymousId: 'phone', userId: 'ida' }),
    ]);
    await sink.write([
      storedEvent({ site, id: 'l3', ts: t + 2, anonymousId: 'phone-after-itp', linkTo: { via: 'cookie', anonymousId: 'phone' } }),
      storedEvent({ site, id: 'l4', ts: t + 3, anonymousId: 'phone', userId: 'someone-else' }),
    ]);
    await sink.close();

    const store = await open();
    const nc = await connectNats(NATS_URL, `identity-loader-${label}`);
    const jsm = await ensureStream(nc, { url: NATS_URL, ...names });
    const consumer = await ensureConsumer(jsm, { url: NATS_URL, ...names });
    // One event per batch: the claims cross batches as they would cross collectors.
    const loader = startLoader(nc, { url: NATS_URL, ...names, consumer, store, batchSize: 1, concurrency: 1, log: silentLogger });
    await waitUntil('all four events in the store', async () => (await store.query<{ n: number }>('SELECT COUNT(*) AS n FROM events WHERE site = ?', [site]))[0]!.n === 4, 30_000);
    await waitUntil('the conflict counted', async () => (await loader.metrics.render()).includes('touchpoint_loader_identity_conflicts_total 1'), 10_000);
    await loader.stop();
    await nc.close();

    expect(await store.query('SELECT anonymous_id, person_key, via FROM identity_links WHERE site = ? ORDER BY anonymous_id', [site])).toEqual([
      { anonymous_id: 'phone', person_key: 'u:ida', via: 'identify' },
      { anonymous_id: 'phone-after-itp', person_key: 'u:ida', via: 'cookie' },
    ]);
    expect(await store.query('SELECT anonymous_id, person_key, other_key FROM identity_conflicts WHERE site = ?', [site]))
      .toEqual([{ anonymous_id: 'phone', person_key: 'u:ida', other_key: 'u:someone-else' }]);
    // The conflicting touchpoint itself goes to the user id it carries (rule 4: the user id wins).
    expect(await store.query('SELECT DISTINCT visitor FROM journey_days WHERE site = ? ORDER BY visitor', [site])).toEqual([{ visitor: 'u:ida' }, { visitor: 'u:someone-else' }]);
    await store.close();
  });
});
