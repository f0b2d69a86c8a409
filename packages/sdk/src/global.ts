import { createApi, type Api } from './api.js';
import type { Config, Feature } from './types.js';

/**
 * `<script data-endpoint data-site ...>` → config; undefined when the tag has no endpoint/site.
 * Every `data-*` attribute becomes the camelCased setting (`data-write-key` → `writeKey`); empty
 * attributes are flags (`data-cookieless` → true), digits become numbers, `data-widgets` a list.
 */
export function configFromScript(s: Element | null): Config | undefined {
  const c: Record<string, unknown> = {};
  for (const { name, value: v } of Array.from(s ? s.attributes : []))
    if (name.startsWith('data-'))
      c[name.slice(5).replace(/-(\w)/g, (_, x: string) => x.toUpperCase())] = v == '' || (/^\d+$/.test(v) ? +v : name == 'data-widgets' ? v.split(/[\s,]+/) : v);
  return c.endpoint && c.site ? (c as unknown as Config) : undefined;
}

/**
 * Script-tag start-up: replaces the loader snippet's `window.touchpoint` stub by the real API (callable
 * as `touchpoint('tag', ...)` and as `touchpoint.tag(...)`), initialises from the script tag's data
 * attributes when present, then replays the calls the stub queued, in order. A misconfigured `init`
 * is logged to the console, never thrown into the page.
 */
export function installGlobal(features: Feature[]): Api {
  const w = window as unknown as { touchpoint?: Api & { q?: ArrayLike<unknown>[] } };
  const q = (w.touchpoint && w.touchpoint.q) || [];
  const api = (w.touchpoint = createApi(features));
  // currentScript is null in modules and in some async cases: fall back to the tag carrying our attributes.
  const cfg = configFromScript(document.currentScript || document.querySelector('script[data-endpoint][data-site]'));
  for (const args of cfg ? [['init', cfg], ...Array.from(q)] : Array.from(q))
    try {
      api(...(Array.from(args) as [string]));
    } catch (e) {
      console.error(e);
    }
  return api;
}
