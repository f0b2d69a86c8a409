// Feedback: per rated touchpoint, the NPS answers as a stacked distribution (detractors, passives,
// promoters) on a 0–100 % axis with the NPS beside it, and a table with CSAT and the class.
import { el } from '../dom.js';
import type { FeedbackReport, FeedbackRow } from '../reports.js';
import { table } from '../table.js';
import type { Ui } from '../ui.js';
import { defineView } from '../view.js';

const TICKS = [0, 0.25, 0.5, 0.75, 1];

function segment(kind: string, count: number, total: number, ui: Ui): HTMLElement {
  const share = count / total;
  const seg = el('span', { class: `seg ${kind}`, title: `${ui.fmt.percent(share)}` }, share >= 0.12 ? ui.fmt.percent(share) : '');
  seg.style.setProperty('width', `${share * 100}%`);
  return seg;
}

function npsChart(rows: readonly FeedbackRow[], ui: Ui): HTMLElement | null {
  const { t, fmt } = ui;
  const rated = rows.filter((r) => r.npsResponses > 0);
  if (!rated.length) return null;
  const axis = el('div', { class: 'axis' }, ...TICKS.map((x) => {
    const tick = el('span', { class: 'tick' }, fmt.percent(x));
    tick.style.setProperty('left', `${x * 100}%`);
    return tick;
  }));
  return el('figure', { class: 'nps-chart', id: 'nps-chart' },
    el('figcaption', {}, t('npsChart')),
    ...rated.map((r) => el('div', { class: 'nps-row', 'data-touchpoint': r.touchpoint },
      el('span', { class: 'nps-label' }, ui.touchpoint(r.touchpoint)),
      el('span', { class: `nps-value ${r.sentiment}` }, r.nps === null ? '—' : String(r.nps)),
      el('span', { class: 'stack' },
        segment('detractors', r.detractors, r.npsResponses, ui), segment('passives', r.passives, r.npsResponses, ui), segment('promoters', r.promoters, r.npsResponses, ui)))),
    el('div', { class: 'nps-row axis-row' }, el('span', { class: 'nps-label' }), el('span', { class: 'nps-value' }, t('nps')), axis),
    el('p', { class: 'legend' }, ...(['detractors', 'passives', 'promoters'] as const).map((k) => el('span', { class: 'legend-item' }, el('span', { class: `key ${k}` }), t(k)))));
}

/** The feedback view (`GET /api/reports/feedback`). */
export const feedbackView = defineView<FeedbackReport>({
  id: 'feedback',
  title: 'feedback',
  url: (q) => `/api/reports/feedback?${q}`,
  render(report, { ui }) {
    const { t, fmt } = ui;
    const rows = report.touchpoints;
    if (!rows.length) return el('p', { class: 'empty' }, t('feedbackEmpty'));
    return el('div', {},
      npsChart(rows, ui),
      table(ui, [
        { label: 'touchpoint', key: true, value: (r) => ui.touchpoint(r.touchpoint) },
        { label: 'sentiment', className: (r) => r.sentiment, value: (r) => t(r.sentiment) },
        { label: 'nps', num: true, value: (r) => (r.nps === null ? '—' : fmt.number(r.nps)) },
        { label: 'csat', num: true, value: (r) => fmt.percent(r.csat) },
        { label: 'responses', num: true, value: (r) => fmt.number(r.npsResponses + r.csatResponses) },
        { label: 'stage', value: (r) => (r.p5 ? ui.stage(r.p5) : '—') },
      ], rows, t('feedbackEmpty'), { id: 'feedback-table' }),
      el('p', { class: 'note' }, t('sentimentNote')));
  },
});
