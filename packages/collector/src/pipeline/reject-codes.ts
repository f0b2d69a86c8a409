/**
 * Why an event was refused, as a short code: the `reason` label of `touchpoint_events_rejected_total`.
 * Listed here so the metric shows every code at 0 from the start; the refusals are typed with them, so a
 * new code cannot be used without being listed.
 */
export const REJECT_CODES = ['schema', 'too_large', 'too_old', 'in_future', 'invalid_utf8'] as const;

/** One of {@link REJECT_CODES}. */
export type RejectCode = (typeof REJECT_CODES)[number];
