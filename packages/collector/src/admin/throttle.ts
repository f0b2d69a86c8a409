// Throttling of failed sign-ins and wrong tokens, per client address and per account. The counters are
// rows of the store, so collectors behind a load balancer count together: a guesser cannot get N × the
// attempts by spreading them over N collectors.
import type { Store } from '../store/types.js';

/** Options of {@link createThrottle}. */
export interface ThrottleOptions {
  /** failures allowed within `windowMs` before a subject is blocked (default 5) */
  failures?: number;
  /** the counting window, ms (default 60,000: "a few failures a minute") */
  windowMs?: number;
  /** the first block, ms (default 30,000); each further block of the same subject doubles it */
  blockMs?: number;
  /** the longest block, ms (default 3,600,000) */
  maxBlockMs?: number;
  /** after this long without a block a subject starts again from the first block, ms (default 86,400,000) */
  forgetMs?: number;
}

/** Someone whose failures are counted: a client address or an account (a key id, or `admin-token`). */
export type Subject = `ip:${string}` | `account:${string}`;

/** The throttle's verdict on a set of subjects. */
export type ThrottleState = { blocked: false } | { blocked: true; subject: Subject; retryAfterSeconds: number };

/** What {@link createThrottle} returns. */
export interface Throttle {
  /** whether any of the subjects is blocked now — asked before any hashing */
  check(subjects: readonly Subject[], now?: number): Promise<ThrottleState>;
  /** counts one failure for each subject; answers whether that blocked one of them */
  fail(subjects: readonly Subject[], now?: number): Promise<ThrottleState>;
  /** forgets an account's failures after it signed in (never an address's: see below) */
  succeed(account: Subject): Promise<void>;
}

/**
 * Creates the throttle over the store's `access_throttle` table. After `failures` failures within
 * `windowMs` a subject is blocked for `blockMs`, then twice as long at each new block up to `maxBlockMs`;
 * every attempt while blocked is answered 429 with `Retry-After`, without looking at the credential.
 * @example
 * const throttle = createThrottle(store);
 * if ((await throttle.check(['ip:203.0.113.7', 'account:tpk_…'])).blocked) return tooMany();
 */
export function createThrottle(store: Store, options: ThrottleOptions = {}): Throttle {
  const limit = Math.max(1, options.failures ?? 5);
  const windowMs = options.windowMs ?? 60_000;
  const blockMs = options.blockMs ?? 30_000;
  const maxBlockMs = options.maxBlockMs ?? 3_600_000;
  const forgetMs = options.forgetMs ?? 86_400_000;
  let lastPurge = 0;

  const blockedState = (subject: Subject, until: number, now: number): ThrottleState => ({ blocked: true, subject, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) });

  async function check(subjects: readonly Subject[], now = Date.now()): Promise<ThrottleState> {
    if (subjects.length === 0) return { blocked: false };
    const rows = await store.query<{ subject: Subject; blocked_until: number }>(
      `SELECT subject, blocked_until FROM access_throttle WHERE subject IN (${subjects.map(() => '?').join(', ')}) AND blocked_until > ? ORDER BY blocked_until DESC`,
      [...subjects, now]);
    return rows[0] ? blockedState(rows[0].subject, rows[0].blocked_until, now) : { blocked: false };
  }

  async function failOne(subject: Subject, now: number): Promise<number | undefined> {
    // One statement counts the failure whoever else is counting (a new window starts when the old one is
    // over; the block history is forgotten after `forgetMs` without a block).
    const [row] = await store.query<{ failures: number; strikes: number }>(
      `INSERT INTO access_throttle (subject, failures, window_start, strikes, blocked_until) VALUES (?, 1, ?, 0, 0)
       ON CONFLICT (subject) DO UPDATE SET
         failures = CASE WHEN access_throttle.window_start <= ? THEN 1 ELSE access_throttle.failures + 1 END,
         window_start = CASE WHEN access_throttle.window_start <= ? THEN ? ELSE access_throttle.window_start END,
         strikes = CASE WHEN access_throttle.blocked_until <= ? THEN 0 ELSE access_throttle.strikes END
       RETURNING failures, strikes`,
      [subject, now, now - windowMs, now - windowMs, now, now - forgetMs]);
    if (!row || row.failures < limit) return undefined;
    const until = now + Math.min(maxBlockMs, blockMs * 2 ** Math.min(row.strikes, 30));
    // `failures >= ?` again: of two collectors counting the same last failure, one blocks.
    const blocked = await store.query<{ blocked_until: number }>(
      'UPDATE access_throttle SET blocked_until = ?, strikes = strikes + 1, failures = 0, window_start = ? WHERE subject = ? AND failures >= ? RETURNING blocked_until',
      [until, now, subject, limit]);
    return blocked[0]?.blocked_until;
  }

  return {
    check,
    async fail(subjects, now = Date.now()) {
      let state: ThrottleState = { blocked: false };
      for (const subject of subjects) {
        const until = await failOne(subject, now);
        if (until !== undefined && !state.blocked) state = blockedState(subject, until, now);
      }
      if (now - lastPurge > 3_600_000) {
        lastPurge = now;
        await store.query('DELETE FROM access_throttle WHERE blocked_until < ? AND window_start < ?', [now - forgetMs, now - forgetMs]);
      }
      return state;
    },
    async succeed(account) {
      // Only the account: clearing the address too would let a guesser holding one valid key reset its
      // counter between guesses at other accounts.
      await store.query('UPDATE access_throttle SET failures = 0 WHERE subject = ?', [account]);
    },
  };
}
