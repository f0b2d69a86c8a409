// Entry of dist/touchpoint.core.min.js: API, queue, transport and consent; no automatic touchpoints.
import { installGlobal } from './global.js';

installGlobal([]);
