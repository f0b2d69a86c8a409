import { createHandler, type Handler, type HandlerOptions } from './handler.js';
import { openStore, type StoreOptions } from './store/open.js';
import type { Store } from './store/types.js';

/** A running collector: its handler, its store, and a graceful close. */
export interface Collector {
  handler: Handler;
  store: Store;
  /** stops accepting events, waits for requests in flight, then closes the store */
  close(): Promise<void>;
}

/**
 * Opens the store and builds the handler on it in one call.
 *
 * @param options - store options (`db`) and handler options except `sink`; `routes` may be a function
 *   of the store, for routes that read it (admin API, dashboard)
 * @example
 * const { handler, close } = await createCollector({ db: './touchpoint.db', sites: [{ id: 'shop', origins: ['https://shop.example'] }] });
 */
export async function createCollector(
  options: StoreOptions & Omit<HandlerOptions, 'sink' | 'routes'> & { routes?: HandlerOptions['routes'] | ((store: Store) => HandlerOptions['routes']) },
): Promise<Collector> {
  const store = await openStore(options);
  const routes = typeof options.routes === 'function' ? options.routes(store) : options.routes;
  const handler = createHandler({ ...options, sink: store, routes });
  return {
    handler,
    store,
    async close() {
      await handler.drain();
      await store.close();
    },
  };
}
