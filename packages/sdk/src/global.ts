import { createApi, type Api } from './api';
import type { Config, ConsentState, Feature } from './types';

type Stub = ((...a: unknown[]) => unknown) & { q?: ArrayLike<unknown>[] };

/** `<script data-endpoint data-site ...>` → config; undefined when the tag has no endpoint/site. */
export function configFromScript(s: HTMLElement | null): Config | undefined {
  const d = s && s.dataset;
  if (!d || !d.endpoint || !d.site) return undefined;
  const c: Config = { endpoint: d.endpoint, site: d.site };
  if (d.writeKey) c.writeKey = d.writeKey;
  if (d.consent) c.consent = d.consent as ConsentState;
  if (d.format) c.format = d.format as Config['format'];
  if (d.flushInterval) c.flushInterval = +d.flushInterval;
  if (d.widgets) c.widgets = d.widgets.split(/[\s,]+/);
  // Presence flags: data-debug, data-cookieless, data-respect-dnt, data-respect-gpc.
  for (const k of ['debug', 'cookieless', 'respectDnt', 'respectGpc'] as const) if (k in d) c[k] = true;
  return c;
}

/**
 * Script-tag start-up: replaces the loader snippet's `window.touchpoint` stub by the real function
 * (callable as `touchpoint('tag', ...)` and as `touchpoint.tag(...)`), initialises from the script
 * tag's data attributes when present, then replays the calls the stub queued, in order.
 */
export function installGlobal(features: Feature[]): Api {
  const w = window as unknown as { touchpoint?: Stub };
  const q = (w.touchpoint && w.touchpoint.q) || [];
  const api = createApi(features);
  const g = ((m: string, ...a: unknown[]) => {
    const f = (api as unknown as Record<string, unknown>)[m];
    if (typeof f == 'function') return f(...a);
    console.warn(`[touchpoint] unknown method ${m}`);
  }) as Stub;
  w.touchpoint = Object.assign(g, api);
  // currentScript is null in modules and in some async cases: fall back to the tag carrying our attributes.
  const cfg = configFromScript((document.currentScript as HTMLElement | null) || document.querySelector('script[data-endpoint][data-site]'));
  try {
    if (cfg) api.init(cfg);
    for (const args of Array.from(q)) g(...(Array.from(args) as [string]));
  } catch (e) {
    // init misconfiguration: visible in the console, the page carries on
    console.error(e);
  }
  return api;
}
