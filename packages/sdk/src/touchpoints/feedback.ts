import type { FeedbackProperties } from '@touchpoint/schema';
import { stringify } from '../json.js';

/** Returns why `f` is not a valid NPS (integer 0–10) or CSAT (integer 1–5) answer, or undefined when it is. */
export function feedbackError(f: FeedbackProperties): string | undefined {
  const nps = f && f.scale == 'nps';
  if (!f || (!nps && f.scale != 'csat')) return 'feedback scale must be nps or csat';
  const [lo, hi] = nps ? [0, 10] : [1, 5];
  if (!Number.isInteger(f.score) || f.score < lo || f.score > hi) return `${f.scale} score must be an integer ${lo}–${hi}, got ${stringify(f.score)}`;
  return undefined;
}
