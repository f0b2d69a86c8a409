// Entry of dist/touchpoint.min.js: the full default build for a script tag (all automatic touchpoints).
import { DEFAULT_FEATURES } from './features';
import { installGlobal } from './global';

installGlobal(DEFAULT_FEATURES);
