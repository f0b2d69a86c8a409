// The collector in a plain node:http server, next to the app's own routes.
// Run: node scripts/build.mjs && node examples/embed-node-http/server.mjs
import { createServer } from 'node:http';
import { createCollector } from '@touchpoint/collector';
import { toNodeListener } from '@touchpoint/collector/node';

const collector = await createCollector({
  db: process.env.TOUCHPOINT_DB ?? './touchpoint.db',
  sites: [{ id: 'shop', origins: ['http://localhost:3000'] }],
});
const touchpoint = toNodeListener(collector.handler);

const server = createServer((req, res) => {
  if (req.url === '/') return res.end('my app\n');
  touchpoint(req, res); // /v1/*, /healthz, /readyz, /metrics
});
const port = Number(process.env.PORT ?? 8787);
server.listen(port, '127.0.0.1', () => console.log(`collector on http://127.0.0.1:${port}/v1/touchpoints`));

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, async () => {
    server.close();
    await collector.close(); // waits for writes in flight, then closes the database
    server.closeAllConnections();
  });
}
