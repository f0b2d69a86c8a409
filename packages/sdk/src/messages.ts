import { stringify } from './json.js';

/**
 * True in the debug builds (`touchpoint.debug.min.js`, the npm `development` condition): full messages
 * and every configuration check. Replaced by a literal at build time (rollup.config.mjs), so the
 * production builds drop the debug branches and the message table below; vitest defines it per project.
 */
declare const __DEBUG__: boolean;
export const DEBUG_BUILD: boolean = __DEBUG__;

/**
 * Every message the SDK throws, logs or passes to `onError`, by stable code: what it is about (the subject
 * printed after the code), what went wrong (`{0}`, `{1}` … are the values of the call, JSON-encoded), how
 * to fix it, and where it shows. The one source of the error table in docs/errors.md
 * (messages.debug.test.ts fails when the two disagree). Codes are never reused: a retired code stays retired.
 */
export const MESSAGES = {
  E1: ['`config`', 'must be an object like { endpoint, site }, got {0}', 'Call `init({ endpoint, site })`.', 'thrown by init'],
  E2: ['`endpoint`', 'must be an http(s) URL, got {0}', 'Give the collector URL, absolute or relative to the page: `https://collect.example.com/v1/touchpoints`.', 'thrown by init'],
  E3: ['`site`', 'must be a string of 1–128 characters, got {0}', 'Give the site id the collector knows (`--site`).', 'thrown by init'],
  E4: ['the setting: `batchSize`, `batchBytes`, `flushInterval`, `retryBase`, `retryCap`, `queueLimit`, `queueBytes`', 'must be a non-negative number, got {0}', 'Give a number of ms, bytes or touchpoints (see the configuration table), or leave it out for the default.', 'thrown by init, debug build only'],
  E5: ['`consent`', 'must be one of granted,denied,pending, got {0}', "Use `'granted'`, `'pending'` or `'denied'`.", 'thrown by init (debug build only); `onError` `invalid` from consent()'],
  E6: ['`format`', "must be 'native', 'segment' or a function, got {0}", "Use `'native'`, `'segment'` or a function `(batch) => body`.", 'thrown by init, debug build only'],
  E7: ['`stages.<name>`', 'must be a { phase, p5 } stage for a touchpoint name, got {0}', "Key by a lower snake case name, value like `{ phase: 'before', p5: 'pivotal' }`.", 'thrown by init, debug build only'],
  E8: ['`onError`', 'must be a function, got {0}', 'Give `onError: (error) => …`.', 'thrown by init, debug build only'],
  E9: ['`format`', "must be 'native' or a function here, got {0}", "`'segment'` needs `touchpoint.segment.min.js` (npm: `init` has it, `createClient` needs the `segmentFormat` feature).", 'thrown by init'],
  E10: ['`name`', 'must match {1}, got {0}', 'Name touchpoints in lower snake case, 1–64 characters: `wishlist_add`.', '`onError` `invalid`: dropped'],
  E11: ['the touchpoint name', 'is {0} B, over the {1} B limit for one touchpoint', 'Send fewer or shorter properties.', '`onError` `invalid`: dropped, counted as `too_large`'],
  E12: ['the touchpoint name', 'could not be tagged: {0}', 'Pass properties that JSON can encode (no cycles, no BigInt).', '`onError` `invalid`: dropped'],
  E13: ['`identify`', 'userId must be a string of 1–{0} characters, got {1}', "Pass the site's own user id: `identify('user-123')`.", '`onError` `invalid`: ignored'],
  E14: ['the plugin (function name)', 'failed: {0}', "Fix the plugin: it threw when `use()` started it (the SDK carries on without it).", '`onError` `invalid`'],
  E15: ['`adLanding`', 'no campaign given and no UTM parameter or click id in the URL', "Call `adLanding({ source, medium, campaign })`, or only on pages entered from an ad.", '`onError` `invalid`: dropped'],
  E16: ['`checkoutStep`', 'step must be a non-empty string, got {0}', "Pass the step's name: `checkoutStep('shipping')`.", '`onError` `invalid`: dropped'],
  E17: ['`supportOpen`', 'widget name required, got {0}', "Pass the widget's name: `supportOpen('intercom')`.", '`onError` `invalid`: dropped'],
  E18: ['`feedback`', 'scale must be nps or csat, got {0}', "Use `scale: 'nps'` (0–10) or `scale: 'csat'` (1–5).", '`onError` `invalid`: dropped'],
  E19: ['`feedback`', 'score must be an integer {1}–{2} on the {0} scale, got {3}', 'NPS scores are integers 0–10, CSAT scores 1–5.', '`onError` `invalid`: dropped'],
  E20: ['the method', 'is not in this build', 'Use `tag()` with the same name and properties, or the full build `touchpoint.min.js`.', 'console warning (core build)'],
  E30: ['`queue`', 'kept in memory: {0}', 'None needed: IndexedDB is unusable here (private mode, quota, blocked storage); touchpoints of this page are still sent.', '`onError` `storage`'],
  E31: ['`queue`', 'full: dropped the {0} oldest', 'Touchpoints pile up faster than they are sent (offline, consent pending): raise `queueLimit` / `queueBytes`, or tag less.', '`onError` `queue_full`, counted as `queue_full`'],
  E32: ['`HTTP <status>`', 'refused a batch: dropped {0}', 'Check `site`, `writeKey` and the collector allowing this origin; the status is in `status`, the drop counted as `http_<status>`.', '`onError` `dropped`'],
  E33: ['`collector`', 'rejected {0}: {1}', "Read the collector's reason (first rejected event); rejected events are not retried.", '`onError` `rejected`'],
  E34: ['`queue`', 'could not be read: {0}', 'None needed: the next flush tries again.', '`onError` `storage`'],
} as const satisfies Record<string, readonly [subject: string, message: string, fix: string, where: string]>;

/** A stable message code (`E2`): documented in docs/errors.md. */
export type MessageCode = keyof typeof MESSAGES;

// errors and patterns read better as themselves; everything else as JSON (strings quoted)
const format = (v: unknown) => (v instanceof Error || v instanceof RegExp ? String(v) : String(stringify(v)));

/**
 * The text of message `code` about `subject` (a setting, method or touchpoint name): production builds say
 * only `touchpoint: E2 endpoint` (look the code up in docs/errors.md); the debug build adds the message
 * with the call's `values`: `touchpoint: E2 endpoint must be an http(s) URL, got "ftp://x"`.
 */
export function message(code: MessageCode, subject: string, ...values: unknown[]): string {
  const text = `touchpoint: ${code} ${subject}`;
  return DEBUG_BUILD ? `${text} ${MESSAGES[code][1].replace(/\{(\d)\}/g, (_, i: string) => format(values[+i]))}` : text;
}
