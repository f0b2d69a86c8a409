// Returning people: one row per cohort (people first seen in a week or month), one cell per later
// period, shaded by the share still active — a heat map that stays a readable table on a phone.
import { el } from '../dom.js';
import type { Cohort, RetentionReport } from '../reports.js';
import type { Ui } from '../ui.js';
import { defineView } from '../view.js';

/** The shade class (0–10) of a share 0–1. */
export function shade(share: number): string {
  return `heat-${Math.max(0, Math.min(10, Math.round(share * 10)))}`;
}

function row(c: Cohort, periods: number, ui: Ui): HTMLElement {
  const cells = [];
  for (let i = 0; i < periods; i++) {
    const n = c.active[i];
    if (n === undefined) cells.push(el('td', { class: 'heat-none' }));
    else {
      const share = c.people ? n / c.people : 0;
      cells.push(el('td', { class: `num ${shade(share)}`, title: ui.fmt.number(n) }, ui.fmt.percent(share)));
    }
  }
  return el('tr', {}, el('th', { scope: 'row' }, ui.fmt.date(c.start)), el('td', { class: 'num' }, ui.fmt.number(c.people)), ...cells);
}

/** The retention view (`GET /api/reports/retention`). */
export const retentionView = defineView<RetentionReport>({
  id: 'retention',
  title: 'retention',
  url: (q) => `/api/reports/retention?${q}`,
  render(report, { ui }) {
    const { t } = ui;
    if (!report.cohorts.length) return el('p', { class: 'empty' }, t('retentionEmpty'));
    const periods = Math.max(...report.cohorts.map((c) => c.active.length));
    const unit = report.period === 'month' ? 'month' : 'week';
    const head = el('tr', {}, el('th', { scope: 'col' }, t('cohort')), el('th', { class: 'num', scope: 'col' }, t('people')),
      ...Array.from({ length: periods }, (_, i) => el('th', { class: 'num', scope: 'col' }, t(unit, { n: i }))));
    return el('div', { class: 'scroll-x' },
      el('table', { class: 'heatmap', id: 'retention-table' }, el('thead', {}, head), el('tbody', {}, ...report.cohorts.map((c) => row(c, periods, ui)))));
  },
});
