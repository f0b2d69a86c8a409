import { createCore } from './core.js';
import { helpers } from './touchpoints/helpers.js';
import type { Client, Config, Feature } from './types.js';

/**
 * Creates a client with every method of `Client` (the core plus the typed helpers) and the given
 * automatic `features`. Throws a TypeError on misconfiguration; never afterwards.
 * @example const client = createClient({ endpoint: 'https://collect.example.com/v1/touchpoints', site: 'shop' });
 */
export const createClient = (config: Config, features: Feature[] = []): Client => createCore(config, [helpers, ...features]);
