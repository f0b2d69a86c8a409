// The dashboard's views, in the order they appear.
import type { View } from '../view.js';
import { adsView } from './ads.js';
import { attributionView } from './attribution.js';
import { checksView } from './checks.js';
import { feedbackView } from './feedback.js';
import { fixFirstView } from './fix-first.js';
import { funnelView } from './funnel.js';
import { journeyView } from './journey.js';
import { retentionView } from './retention.js';
import { timelineView } from './timeline.js';

/** Every view; one whose endpoint answers 404 on this collector is hidden. */
export const VIEWS: ReadonlyArray<View<never>> = [journeyView, attributionView, funnelView, fixFirstView, adsView, checksView, feedbackView, retentionView, timelineView] as unknown as ReadonlyArray<View<never>>;
