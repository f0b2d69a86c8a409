import { createApi, type Api } from './api';
import type { Config, Feature } from './types';

type Stub = ((...a: unknown[]) => unknown) & { q?: ArrayLike<unknown>[] };

/**
 * `<script data-endpoint data-site ...>` → config; undefined when the tag has no endpoint/site.
 * Every `data-*` attribute becomes the camelCased setting (`data-write-key` → `writeKey`); empty
 * attributes are flags (`data-cookieless` → true), digits become numbers, `data-widgets` a list.
 */
export function configFromScript(s: Element | null): Config | undefined {
  const c: Record<string, unknown> = {};
  for (const { name, value: v } of Array.from(s ? s.attributes : [])) {
    if (name.startsWith('data-'))
      c[name.slice(5).replace(/-(\w)/g, (_, x: string) => x.toUpperCase())] = v == '' || (/^\d+$/.test(v) ? +v : name == 'data-widgets' ? v.split(/[\s,]+/) : v);
  }
  return c.endpoint && c.site ? (c as unknown as Config) : undefined;
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
    const f = (api as unknown as Record<string, (...x: unknown[]) => unknown>)[m];
    return f ? f(...a) : console.warn(`[touchpoint] unknown method ${m}`);
  }) as Stub;
  w.touchpoint = Object.assign(g, api);
  // currentScript is null in modules and in some async cases: fall back to the tag carrying our attributes.
  const cfg = configFromScript(document.currentScript || document.querySelector('script[data-endpoint][data-site]'));
  try {
    if (cfg) api.init(cfg);
    for (const args of Array.from(q)) g(...(Array.from(args) as [string]));
  } catch (e) {
    // init misconfiguration: visible in the console, the page carries on
    console.error(e);
  }
  return api;
}
