// Returning people: one row per cohort (people whose first purchase, or visit, fell in a week or month),
// one cell per later period, shaded by the share that came back — a heat map that becomes cards of cells
// on a phone.
import { el } from '../dom.js';
import type { RetentionCohort, RetentionReport } from '../reports.js';
import type { Ui } from '../ui.js';
import { defineView } from '../view.js';

/** The shade class (0–10) of a share 0–1. */
export function shade(share: number): string {
  return `heat-${Math.max(0, Math.min(10, Math.round(share * 10)))}`;
}

// A cohort starts at a UTC midnight: shown as that calendar day in every time zone.
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function row(c: RetentionCohort, labels: readonly string[], ui: Ui): HTMLElement {
  const byOffset = new Map(c.periods.map((p) => [p.offset, p]));
  const cells = labels.map((label, i) => {
    const p = byOffset.get(i + 1);
    if (!p) return el('td', { class: 'heat-none' });
    return el('td', { class: `num ${shade(p.returnedShare)}`, title: ui.fmt.number(p.returned), 'data-label': label }, ui.fmt.percent(p.returnedShare));
  });
  return el('tr', {}, el('th', { scope: 'row' }, ui.fmt.date(day(c.start))), el('td', { class: 'num people', 'data-label': ui.t('people') }, ui.fmt.number(c.people)), ...cells);
}

/** The retention view (`GET /api/reports/retention`). */
export const retentionView = defineView<RetentionReport>({
  id: 'retention',
  title: 'retention',
  url: (q) => `/api/reports/retention?${q}`,
  render(report, { ui }) {
    const { t } = ui;
    const periods = Math.max(0, ...report.cohorts.flatMap((c) => c.periods.map((p) => p.offset)));
    if (!report.cohorts.length || !periods) return el('p', { class: 'empty' }, t('retentionEmpty'));
    const unit = report.period === 'month' ? 'month' : 'week';
    const labels = Array.from({ length: periods }, (_, i) => t(unit, { n: i + 1 }));
    const head = el('tr', {}, el('th', { scope: 'col' }, `${t('cohort')} · ${t(`retentionBy_${report.by}`)}`), el('th', { class: 'num', scope: 'col' }, t('people')),
      ...labels.map((label) => el('th', { class: 'num', scope: 'col' }, label)));
    return el('div', {},
      el('p', { class: 'summary' }, t('returnedNote')),
      el('table', { class: 'heatmap', id: 'retention-table' }, el('thead', {}, head), el('tbody', {}, ...report.cohorts.map((c) => row(c, labels, ui)))));
  },
});
