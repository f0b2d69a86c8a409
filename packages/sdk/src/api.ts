import { createCore } from './core.js';
import { message } from './messages.js';
import type { Client, Config, Feature } from './types.js';

/**
 * The module-level API: `init` plus every client method, usable before `init` (calls wait for it), and
 * callable as `api('<method>', ...args)` (how the script-tag global and the loader snippet call it).
 */
export type Api = Omit<Client, 'stop'> & { init(config: Config): Client } & ((method: string, ...args: unknown[]) => unknown);

const METHODS = 'init tag pageView adLanding signUp checkoutStep supportOpen feedback identify consent flush reset use pageViewId track'.split(' ');

/**
 * Returns the singleton API over one client with `features`. Calls made before `init` are kept in
 * order and replayed once it runs, like the loader snippet's queue.
 */
export function createApi(features: Feature[]): Api {
  let client: Record<string, (...a: unknown[]) => unknown> | undefined;
  const early: unknown[][] = [];
  const api = ((m: string, ...a: unknown[]): unknown => {
    // the core script-tag build has no typed helpers (checkoutStep, ...): say so instead of throwing
    if (client) return m == 'init' ? client : client[m] ? client[m]!(...a) : console.warn(message('E20', m));
    if (m != 'init') return m == 'flush' ? Promise.resolve() : void early.push([m, ...a]);
    client = createCore(a[0] as Config, features) as unknown as typeof client;
    early.splice(0).forEach((x) => api(...(x as [string])));
    return client;
  }) as Api;
  for (const m of METHODS) (api as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => api(m, ...a);
  return api;
}
