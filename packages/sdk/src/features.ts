import { segmentFormat } from './send/formats';
import { landingPageSignals } from './touchpoints/ad-landing';
import { autoAdLanding } from './touchpoints/ad-landing-auto';
import { declarative } from './touchpoints/declarative';
import { helpers } from './touchpoints/helpers';
import { autoPageViews } from './touchpoints/page-view';
import { autoWidgets } from './touchpoints/widgets/support-widgets';
import type { Feature } from './types';

/**
 * What the full script-tag build adds to the core, in start order: the typed helpers (with attribution),
 * ad landing page signals, then the automatic touchpoints (ad landing before the page view). The
 * Segment format is the variant dist/touchpoint.segment.min.js (most sites send to a Touchpoint
 * collector and should not download it); chat widget adapters are the opt-in dist/touchpoint-widgets.min.js.
 */
export const SCRIPT_FEATURES: Feature[] = [helpers, landingPageSignals, autoAdLanding, autoPageViews, declarative];

/** The npm package's features: the full script-tag build's plus the Segment format and the chat widget adapters (`widgets`). */
export const DEFAULT_FEATURES: Feature[] = [...SCRIPT_FEATURES, segmentFormat, autoWidgets];
