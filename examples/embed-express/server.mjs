// The collector as Express middleware: it answers its own paths and calls next() for the rest.
// Run: node scripts/build.mjs && node examples/embed-express/server.mjs
import express from 'express';
import { createCollector } from '@touchpoint/collector';
import { touchpointMiddleware } from '@touchpoint/collector/express';

const collector = await createCollector({
  db: process.env.TOUCHPOINT_DB ?? './touchpoint.db',
  sites: [{ id: 'shop', origins: ['http://localhost:3000'], writeKey: 'wk_shop_public' }],
});

const app = express();
app.use(touchpointMiddleware(collector.handler)); // before body parsers: it reads the raw body itself
app.use(express.json());
app.get('/', (_req, res) => res.send('my app'));

const port = Number(process.env.PORT ?? 8787);
const server = app.listen(port, '127.0.0.1', () => console.log(`collector on http://127.0.0.1:${port}/v1/touchpoints`));

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, async () => {
    server.close();
    await collector.close();
    server.closeAllConnections();
  });
}
