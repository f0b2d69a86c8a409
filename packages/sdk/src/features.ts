import { autoAdLanding } from './touchpoints/ad-landing-auto';
import { declarative } from './touchpoints/declarative';
import { autoPageViews } from './touchpoints/page-view';
import { autoWidgets } from './touchpoints/widgets/support-widgets';
import type { Feature } from './types';

/** The automatic touchpoints of the full build, in the order they start: ad landing before the page view. */
export const DEFAULT_FEATURES: Feature[] = [autoAdLanding, autoPageViews, declarative, autoWidgets];
