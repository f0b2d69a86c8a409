import type { Config, ConsentState } from './types.js';

/** The consent states `consent()` accepts. */
export const CONSENT_STATES: readonly string[] = ['granted', 'denied', 'pending'];

/**
 * True when a browser privacy signal the site chose to honour is on: Do Not Track (`respectDnt`) or
 * Global Privacy Control (`respectGpc`, https://globalprivacycontrol.github.io/gpc-spec/). The SDK then
 * behaves as if consent were denied, whatever `consent()` is called with.
 */
export function privacySignal(c: Config): boolean {
  const n = navigator as Navigator & { globalPrivacyControl?: boolean };
  return !!((c.respectDnt && n.doNotTrack == '1') || (c.respectGpc && n.globalPrivacyControl));
}
