// Entry of dist/touchpoint.min.js: the full default build for a script tag (all automatic touchpoints;
// chat widget adapters are the opt-in touchpoint-widgets.min.js).
import { SCRIPT_FEATURES } from './features.js';
import { installGlobal } from './global.js';

installGlobal(SCRIPT_FEATURES);
