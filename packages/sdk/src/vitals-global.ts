// Entry of dist/touchpoint-vitals.min.js: adds the web-vitals plugin to the script-tag SDK. Works
// whether it loads before or after touchpoint.min.js: it goes through the same queue as the snippet.
import { loaderStub } from './snippet.js';
import { vitals } from './vitals.js';

loaderStub(window)('use', vitals);
