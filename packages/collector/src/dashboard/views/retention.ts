// Returning people: one row per cohort (people first seen in a week or month), one cell per later
// period, shaded by the share still active — a heat map that becomes cards of cells on a phone.
import { el } from '../dom.js';
import type { Cohort, RetentionReport } from '../reports.js';
import type { Ui } from '../ui.js';
import { defineView } from '../view.js';

/** The shade class (0–10) of a share 0–1. */
export function shade(share: number): string {
  return `heat-${Math.max(0, Math.min(10, Math.round(share * 10)))}`;
}

function row(c: Cohort, labels: readonly string[], ui: Ui): HTMLElement {
  const cells = labels.map((label, i) => {
    const n = c.active[i];
    if (n === undefined) return el('td', { class: 'heat-none' });
    const share = c.people ? n / c.people : 0;
    return el('td', { class: `num ${shade(share)}`, title: ui.fmt.number(n), 'data-label': label }, ui.fmt.percent(share));
  });
  return el('tr', {}, el('th', { scope: 'row' }, ui.fmt.date(c.start)), el('td', { class: 'num people', 'data-label': ui.t('people') }, ui.fmt.number(c.people)), ...cells);
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
    const labels = Array.from({ length: periods }, (_, i) => t(unit, { n: i }));
    const head = el('tr', {}, el('th', { scope: 'col' }, t('cohort')), el('th', { class: 'num', scope: 'col' }, t('people')),
      ...labels.map((label) => el('th', { class: 'num', scope: 'col' }, label)));
    // On a phone each cohort becomes a card of shaded cells, each labelled with its period.
    return el('table', { class: 'heatmap', id: 'retention-table' }, el('thead', {}, head), el('tbody', {}, ...report.cohorts.map((c) => row(c, labels, ui))));
  },
});
