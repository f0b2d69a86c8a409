// Entry of dist/touchpoint.segment.min.js: the full script-tag build plus the Segment format, for sites
// that send to a Segment-compatible endpoint (`data-format="segment"`).
import { SCRIPT_FEATURES } from './features';
import { installGlobal } from './global';
import { segmentFormat } from './send/formats';

installGlobal([...SCRIPT_FEATURES, segmentFormat]);
