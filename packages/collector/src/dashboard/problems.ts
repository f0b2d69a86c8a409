// The words of a flag on an ad landing or a problem found by an ad check. A relevance flag carries its own
// words in both languages (`messages`); the others are worded here from their code and the data.
import { isMessageKey } from './i18n.js';
import type { Ui } from './ui.js';

/** A flag or problem as the reports send it. */
export interface Coded {
  code: string;
  /** English words (the API's) */
  message: string;
  messages?: { en: string; es: string };
}

/** Values a flag's words may need, taken from the row it is on. */
export interface ProblemContext {
  status?: number;
  droppedParams?: string[];
  totalMs?: number;
  bounceRate?: number;
  lcpP75?: number | null;
}

/** The flag's words in the reader's language; its English message when its code is unknown. */
export function problemText(p: Coded, ui: Ui, ctx: ProblemContext = {}): string {
  if (p.messages) return p.messages[ui.lang];
  const { t, fmt } = ui;
  switch (p.code) {
    case 'http_error': return t('p_http_error', { status: ctx.status ?? '' });
    case 'dropped_params': return t('p_dropped_params', { params: (ctx.droppedParams ?? []).join(', ') });
    // `slow` is the checker's load time, or on an ad landing the visitors' p75 LCP
    case 'slow': return ctx.lcpP75 !== undefined ? t('p_slow_lcp', { d: fmt.duration(ctx.lcpP75) }) : t('p_slow', { d: fmt.duration(ctx.totalMs) });
    case 'high_bounce': return t('p_high_bounce', { p: fmt.percent(ctx.bounceRate) });
  }
  const key = `p_${p.code}`;
  return isMessageKey(key) ? t(key) : p.message;
}
