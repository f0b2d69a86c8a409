// What to fix first: the ranked weak touchpoints, each with every piece of evidence classed and worded.
import { el } from '../dom.js';
import { isMessageKey } from '../i18n.js';
import { problemText } from '../problems.js';
import type { WeakEvidence, WeakReason, WeakTouchpoint, WeakTouchpointsReport } from '../reports.js';
import type { Ui } from '../ui.js';
import { defineView } from '../view.js';

const PERCENT = new Set(['share', 'csat']);

/** A reason code and its numbers in plain words; an unknown code as given. */
export function reasonText(reason: WeakReason, ui: Ui): string {
  const { fmt } = ui;
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(reason.values)) values[k] = k.endsWith('Ms') ? fmt.duration(v) : PERCENT.has(k) ? fmt.percent(v) : fmt.number(v);
  if (reason.code.startsWith('ad_flag_')) {
    const code = reason.code.slice('ad_flag_'.length);
    return ui.t('r_ad_flag', { ...values, flag: problemText({ code, message: code }, ui) });
  }
  const key = `r_${reason.code}`;
  return isMessageKey(key) ? ui.t(key, values) : reason.code;
}

function evidence(e: WeakEvidence, ui: Ui): HTMLElement {
  return el('li', { class: 'evidence', 'data-class': e.class },
    el('span', { class: `chip ${e.class}` }, ui.t(e.class)), ' ',
    el('span', { class: 'signal' }, ui.t(`s_${e.signal}`)), ': ', reasonText(e.reason, ui));
}

function item(it: WeakTouchpoint, ui: Ui): HTMLElement {
  return el('li', { class: 'fix', 'data-touchpoint': it.name },
    el('span', { class: 'fix-name' }, ui.touchpoint(it.name)),
    it.path ? el('code', { class: 'fix-path' }, it.path) : null,
    el('ul', { class: 'reasons' }, ...it.evidence.map((e) => evidence(e, ui))));
}

/** The "what to fix first" view (`GET /api/reports/weak-touchpoints`). */
export const fixFirstView = defineView<WeakTouchpointsReport>({
  id: 'fix-first',
  title: 'fixFirst',
  url: (q) => `/api/reports/weak-touchpoints?${q}`,
  render(report, { ui }) {
    if (!report.items.length) return el('p', { class: 'empty' }, ui.t('fixEmpty'));
    return el('ol', { class: 'fix-list', id: 'fix-list' }, ...report.items.map((it) => item(it, ui)));
  },
});
