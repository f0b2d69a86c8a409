// The collector as a Fastify plugin; the app's other routes keep Fastify's JSON parsing.
// Run: node scripts/build.mjs && node examples/embed-fastify/server.mjs
import Fastify from 'fastify';
import { createCollector } from '@touchpoint/collector';
import { touchpointPlugin } from '@touchpoint/collector/fastify';

const collector = await createCollector({
  db: process.env.TOUCHPOINT_DB ?? './touchpoint.db',
  sites: [{ id: 'shop', origins: ['http://localhost:3000'] }],
});

const app = Fastify();
await app.register(touchpointPlugin(collector.handler));
app.get('/', async () => 'my app');
app.addHook('onClose', () => collector.close()); // waits for writes in flight, then closes the database

const port = Number(process.env.PORT ?? 8787);
await app.listen({ port, host: '127.0.0.1' });
console.log(`collector on http://127.0.0.1:${port}/v1/touchpoints`);

for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => app.close());
