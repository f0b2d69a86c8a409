// Entry of dist/touchpoint-vitals.min.js: adds the web-vitals plugin to the script-tag SDK. Works
// whether it loads before or after touchpoint.min.js: it goes through the same queue as the snippet.
import { vitals } from './vitals.js';

const w = window as unknown as { touchpoint?: ((...a: unknown[]) => void) & { q?: unknown[] } };
w.touchpoint =
  w.touchpoint ||
  function () {
    // eslint-disable-next-line prefer-rest-params
    (w.touchpoint!.q = w.touchpoint!.q || []).push(arguments);
  };
w.touchpoint('use', vitals);
