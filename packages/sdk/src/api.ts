import { createCore } from './init';
import type { Client, Config, Feature } from './types';

/** The module-level API: `init` plus every client method, usable before `init` (calls wait for it). */
export type Api = Omit<Client, 'stop'> & { init(config: Config): Client };

const METHODS = 'tag pageView adLanding signUp checkoutStep supportOpen feedback identify consent flush reset use pageViewId track'.split(' ');

/**
 * Returns the singleton API over one client with `features`. Calls made before `init` are kept in
 * order and replayed once it runs, like the loader snippet's queue.
 */
export function createApi(features: Feature[]): Api {
  let client: Client | undefined;
  const early: Array<[string, unknown[]]> = [];
  const api = {
    init(config: Config) {
      if (client) {
        if (config && config.debug) console.warn('[touchpoint] init twice: first config kept');
        return client;
      }
      client = createCore(config, features);
      for (const [m, a] of early.splice(0)) (api as unknown as Record<string, (...x: unknown[]) => unknown>)[m]!(...a);
      return client;
    },
  } as Api;
  for (const m of METHODS) {
    (api as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => {
      const f = client && (client as unknown as Record<string, (...x: unknown[]) => unknown>)[m];
      // the core script-tag build has no typed helpers (checkoutStep, ...): say so instead of throwing
      if (client) return f ? f(...a) : console.warn(`[touchpoint] ${m} is not in this build`);
      if (m == 'flush') return Promise.resolve();
      if (m != 'pageViewId') early.push([m, a]);
    };
  }
  return api;
}
