// What to fix first: the ranked touchpoints, each with its class and the reasons in plain words.
import { el } from '../dom.js';
import { isMessageKey } from '../i18n.js';
import type { FixFirstReport, FixItem } from '../reports.js';
import type { Ui } from '../ui.js';
import { defineView } from '../view.js';

// How the value behind a reason is shown: a share, a duration, or a number (an NPS).
const SHARES = new Set(['low_csat', 'abandonment', 'support_after', 'error_page', 'good_feedback']);

/** A reason code and its value in plain words; an unknown code as given. */
export function reasonText(reason: string, value: number | null | undefined, ui: Ui): string {
  const key = `r_${reason}`;
  if (!isMessageKey(key)) return reason;
  const v = value === null || value === undefined ? '—' : reason === 'slow_lcp' ? ui.fmt.duration(value) : SHARES.has(reason) ? ui.fmt.percent(value) : ui.fmt.number(value);
  return ui.t(key, { v });
}

function item(it: FixItem, ui: Ui): HTMLElement {
  const reasons = [{ reason: it.reason, value: it.value }, ...(it.evidence ?? [])];
  return el('li', { class: `fix ${it.class}`, 'data-touchpoint': it.touchpoint },
    el('span', { class: 'fix-name' }, ui.touchpoint(it.touchpoint)), ' ',
    el('span', { class: `chip ${it.class}` }, ui.t(it.class)),
    el('ul', { class: 'reasons' }, ...reasons.map((r) => el('li', {}, reasonText(r.reason, r.value, ui)))));
}

/** The "what to fix first" view (`GET /api/reports/fix-first`). */
export const fixFirstView = defineView<FixFirstReport>({
  id: 'fix-first',
  title: 'fixFirst',
  url: (q) => `/api/reports/fix-first?${q}`,
  render(report, { ui }) {
    if (!report.items.length) return el('p', { class: 'empty' }, ui.t('fixEmpty'));
    return el('ol', { class: 'fix-list', id: 'fix-list' }, ...report.items.map((it) => item(it, ui)));
  },
});
