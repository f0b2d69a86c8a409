import { segmentFormat } from './send/formats.js';
import { landingPageSignals } from './touchpoints/ad-landing.js';
import { autoAdLanding } from './touchpoints/ad-landing-auto.js';
import { declarative } from './touchpoints/declarative.js';
import { emailLink } from './touchpoints/email-link.js';
import { helpers } from './touchpoints/helpers.js';
import { autoPageViews } from './touchpoints/page-view.js';
import { autoWidgets } from './touchpoints/widgets/support-widgets.js';
import type { Feature } from './types.js';

/**
 * What the full script-tag build adds to the core, in start order: the typed helpers (with attribution),
 * ad landing page signals, the e-mail link's token (taken from the URL before anything is tagged), then
 * the automatic touchpoints (ad landing before the page view). The
 * Segment format is the variant dist/touchpoint.segment.min.js (most sites send to a Touchpoint
 * collector and should not download it); chat widget adapters are the opt-in dist/touchpoint-widgets.min.js.
 */
export const SCRIPT_FEATURES: Feature[] = [helpers, landingPageSignals, emailLink, autoAdLanding, autoPageViews, declarative];

/** The npm package's features: the full script-tag build's plus the Segment format and the chat widget adapters (`widgets`). */
export const DEFAULT_FEATURES: Feature[] = [...SCRIPT_FEATURES, segmentFormat, autoWidgets];
