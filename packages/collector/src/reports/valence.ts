// How a single touchpoint feels to the customer, for a person's timeline. Touchpoints carry no valence of
// their own in the schema, so it is read from what they are: a rating by its score, a failure as
// negative, a completed goal as positive, everything else neutral.
import { TOUCHPOINT } from '@touchpoint/schema';
import type { Sentiment } from './feedback.js';

/** Touchpoint names that are a goal reached: positive. */
export const POSITIVE_NAMES: readonly string[] = [TOUCHPOINT.purchase, TOUCHPOINT.signUp, 'subscription_renewed', 'order_delivered', 'support_ticket_solved'];

/** A name with one of these words (between underscores, or at either end) is a failure: negative. */
export const NEGATIVE_WORDS: readonly string[] = ['error', 'failed', 'fail', 'abandon', 'abandoned', 'cancel', 'cancelled', 'refund'];

/**
 * The valence of one touchpoint. A `feedback` answer by its score, in the classes the feedback report
 * counts: NPS 9–10 positive, 7–8 neutral, 0–6 negative; CSAT 4–5 positive, 3 neutral, 1–2 negative (an
 * answer outside its scale is neutral). Otherwise a name with a word of {@link NEGATIVE_WORDS}
 * (`payment_failed`, `checkout_abandoned`, `js_error`) is negative, one of {@link POSITIVE_NAMES} positive,
 * any other neutral.
 * @example valenceOf('feedback', 'nps', 10) // 'positive'
 */
export function valenceOf(name: string, scale?: string | null, score?: number | null): Sentiment {
  if (name === TOUCHPOINT.feedback) {
    if (score === null || score === undefined || !Number.isInteger(score)) return 'neutral';
    if (scale === 'nps' && score >= 0 && score <= 10) return score >= 9 ? 'positive' : score >= 7 ? 'neutral' : 'negative';
    if (scale === 'csat' && score >= 1 && score <= 5) return score >= 4 ? 'positive' : score === 3 ? 'neutral' : 'negative';
    return 'neutral';
  }
  if (name.split('_').some((word) => NEGATIVE_WORDS.includes(word))) return 'negative';
  return POSITIVE_NAMES.includes(name) ? 'positive' : 'neutral';
}
