import type { FeedbackProperties } from '@touchpoint/schema';
import { message } from '../messages.js';

/** Returns why `f` is not a valid NPS (integer 0–10) or CSAT (integer 1–5) answer, or undefined when it is. */
export function feedbackError(f: FeedbackProperties): string | undefined {
  const nps = f && f.scale == 'nps';
  if (!f || (!nps && f.scale != 'csat')) return message('E18', 'feedback', f && f.scale);
  const [lo, hi] = nps ? [0, 10] : [1, 5];
  if (!Number.isInteger(f.score) || f.score < lo || f.score > hi) return message('E19', 'feedback', f.scale, lo, hi, f.score);
  return undefined;
}
