// Entry of dist/touchpoint.segment.min.js: the full script-tag build plus the Segment format, for sites
// that send to a Segment-compatible endpoint (`data-format="segment"`).
import { SCRIPT_FEATURES } from './features.js';
import { installGlobal } from './global.js';
import { segmentFormat } from './send/formats.js';

installGlobal([...SCRIPT_FEATURES, segmentFormat]);
