// Entry of dist/touchpoint-widgets.min.js: the opt-in chat widget adapters for the script-tag SDK
// (kept out of touchpoint.min.js to keep it small). Starts the adapters named in `init({ widgets })`
// or `data-widgets`. Works before or after touchpoint.min.js loads: it goes through the snippet's queue.
import { loaderStub } from './snippet.js';
import { autoWidgets } from './touchpoints/widgets/support-widgets.js';

// `use` hands a plugin the client and the init config, like a feature.
loaderStub(window)('use', autoWidgets);
