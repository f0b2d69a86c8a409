// Scale-out on PostgreSQL: two collector processes (the built CLI, `serve --pg`) on one database, started
// at the same moment (migrations race) and sent overlapping retries of the same batches — the way a
// load balancer spreads an SDK's retries. Each event is stored once, and the answers add up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchBody, pageViews } from './support/events';
import { dropSchema, PG_URL, requirePostgres, uniqueSchema, type AdminClient } from './support/pg';
import { spawnCli, type CliProcess } from './support/processes';

const schema = uniqueSchema('scaleout');
const SITE = 'shop';
let admin: AdminClient;
const procs: CliProcess[] = [];

beforeAll(async () => {
  admin = await requirePostgres();
});
afterAll(async () => {
  for (const p of procs) await p.kill();
  await dropSchema(admin, schema);
  await admin.end();
});

function collector(): CliProcess {
  const p = spawnCli(['serve', '--port', '0', '--site', SITE, '--origin', 'https://shop.test', '--pg', PG_URL, '--pg-schema', schema, '--pg-pool', '4', '--rate-limit', '0']);
  procs.push(p);
  return p;
}

describe('two collector processes on one PostgreSQL', () => {
  it('store each event once when both receive overlapping retries of the same batches', async () => {
    const [a, b] = [collector(), collector()];
    const urls = await Promise.all([a, b].map(async (p) => (await p.waitForLine(/listening on (http:\/\/\S+?),/))[1]!));
    const send = async (url: string, body: string) => {
      const res = await fetch(`${url}/v1/touchpoints`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://shop.test' }, body });
      expect(res.status).toBe(200);
      return (await res.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
    };
    const batches = Array.from({ length: 100 }, (_, i) => pageViews(20, `so${i}`));
    const total = batches.length * 20;
    const byCollector: [number, number] = [0, 0];
    const answers = await Promise.all(
      batches.map(async (events, i) => {
        const body = batchBody(SITE, events);
        if (i % 4 < 2) {
          // First to one collector (alternating), then retries to both at once.
          const first = await send(urls[i % 2]!, body);
          byCollector[i % 2 === 0 ? 0 : 1] += first.accepted;
          return [first, ...(await Promise.all([send(urls[0]!, body), send(urls[1]!, body)]))];
        }
        // Fresh events to both at once (the two processes race to insert the same rows), then a late retry.
        const both = await Promise.all([send(urls[0]!, body), send(urls[1]!, body)]);
        return [...both, await send(urls[i % 2]!, body)];
      }),
    );
    const flat = answers.flat();
    expect(flat.every((r) => r.rejected.length === 0)).toBe(true);
    expect(flat.reduce((n, r) => n + r.accepted, 0)).toBe(total);
    expect(flat.reduce((n, r) => n + r.duplicates, 0)).toBe(total * 2);
    // Both processes stored events (the first copy of each batch).
    expect(byCollector[0]).toBeGreaterThan(0);
    expect(byCollector[1]).toBeGreaterThan(0);

    const { rows } = await admin.query<{ n: number; d: number }>(`SELECT COUNT(*)::int AS n, COUNT(DISTINCT id)::int AS d FROM "${schema}".events WHERE site = $1`, [SITE]);
    expect(rows[0]).toEqual({ n: total, d: total });
    const versions = await admin.query<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
    expect(new Set(versions.rows.map((r) => r.version)).size).toBe(versions.rows.length);
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
  });
});
