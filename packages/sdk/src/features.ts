import { segmentFormat } from './send/formats';
import { landingPageSignals } from './touchpoints/ad-landing';
import { autoAdLanding } from './touchpoints/ad-landing-auto';
import { declarative } from './touchpoints/declarative';
import { helpers } from './touchpoints/helpers';
import { autoPageViews } from './touchpoints/page-view';
import { autoWidgets } from './touchpoints/widgets/support-widgets';
import type { Feature } from './types';

/**
 * What the full build adds to the core, in start order: the typed helpers (with attribution), the
 * Segment format, ad landing page signals, then the automatic touchpoints (ad landing before the page view).
 */
export const DEFAULT_FEATURES: Feature[] = [helpers, segmentFormat, landingPageSignals, autoAdLanding, autoPageViews, declarative, autoWidgets];
