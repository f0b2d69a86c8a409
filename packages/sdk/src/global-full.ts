// Entry of dist/touchpoint.min.js: the full default build for a script tag (all automatic touchpoints;
// chat widget adapters are the opt-in touchpoint-widgets.min.js).
import { SCRIPT_FEATURES } from './features';
import { installGlobal } from './global';

installGlobal(SCRIPT_FEATURES);
