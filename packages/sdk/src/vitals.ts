import { onCLS, onFCP, onINP, onLCP, onTTFB, type Metric } from 'web-vitals';
import type { WebVitalsProperties } from '@touchpoint/schema';
import type { Client } from './types.js';

/**
 * The web-vitals plugin: sends one `web_vitals` touchpoint per metric (LCP, INP, CLS, FCP, TTFB) as the
 * web-vitals library reports it, with the id of the page view it belongs to. The only importer of
 * `web-vitals`, so the core stays small.
 * @example
 * import { init, use } from '@touchpoint/sdk';
 * import { vitals } from '@touchpoint/sdk/vitals';
 * init({ endpoint: 'https://collect.example.com/v1/touchpoints', site: 'shop' });
 * use(vitals);
 */
export function vitals(client: Client): void {
  // Metrics belong to the hard page load: keep the id of its page view even after SPA navigations.
  let pv = client.pageViewId();
  const send = (m: Metric) => {
    pv ||= client.pageViewId();
    const p: WebVitalsProperties = { metric: m.name, value: m.value, rating: m.rating, page_view_id: pv || '' };
    client.tag('web_vitals', p as unknown as Record<string, string>);
  };
  for (const on of [onLCP, onINP, onCLS, onFCP, onTTFB]) on(send);
}
