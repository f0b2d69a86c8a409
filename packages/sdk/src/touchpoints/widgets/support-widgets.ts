import type { Client, Feature } from '../../types.js';
import { WIDGETS } from './adapters.js';

/**
 * A plugin tagging `support_open` when one of the named chat widgets opens.
 * @param names any of `intercom`, `zendesk`, `crisp`, `hubspot`, `tawk`, `freshchat`
 * @example
 * touchpoint.use(supportWidgets('intercom', 'crisp'));
 */
export function supportWidgets(...names: string[]): (client: Client) => () => void {
  return (client) => {
    const stops = names.filter((n) => WIDGETS[n]).map((n) => WIDGETS[n]!(() => client.supportOpen(n)));
    return () => stops.forEach((s) => s());
  };
}

/** The full build's feature: starts the adapters named in `init({ widgets })`. */
export const autoWidgets: Feature = (client, c) => (c.widgets ? supportWidgets(...c.widgets)(client) : undefined);
