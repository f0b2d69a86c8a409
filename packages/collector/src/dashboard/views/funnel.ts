// The checkout funnel: people reaching each step as bars on a 0–100 % axis (of those who began), with
// the drop-off from the step before.
import { el } from '../dom.js';
import type { FunnelReport } from '../reports.js';
import { defineView } from '../view.js';

const TICKS = [0, 0.25, 0.5, 0.75, 1];

/** The checkout funnel view (`GET /api/reports/checkout`). */
export const funnelView = defineView<FunnelReport>({
  id: 'funnel',
  title: 'funnel',
  url: (q) => `/api/reports/checkout?${q}`,
  render(report, { ui }) {
    const { t, fmt } = ui;
    const first = report.steps[0]?.people ?? 0;
    if (!first) return el('p', { class: 'empty' }, t('funnelEmpty'));
    const axis = el('div', { class: 'axis' }, ...TICKS.map((x) => {
      const tick = el('span', { class: 'tick' }, fmt.percent(x));
      tick.style.setProperty('left', `${x * 100}%`);
      return tick;
    }));
    return el('figure', { class: 'bars', id: 'funnel-chart' },
      el('figcaption', {}, `${t('people')} · ${t('ofStart')}`),
      ...report.steps.map((s) => {
        const fillBar = el('span', { class: 'bar-fill' }, fmt.number(s.people));
        fillBar.style.setProperty('width', `${(100 * s.people) / first}%`);
        return el('div', { class: 'bar-row', 'data-step': s.step },
          el('span', { class: 'bar-label' }, ui.touchpoint(s.step)),
          el('span', { class: 'bar-track' }, fillBar),
          el('span', { class: 'bar-note' }, s.dropOff === null ? '' : t('dropOff', { p: fmt.percent(s.dropOff) })));
      }),
      el('div', { class: 'bar-row axis-row' }, el('span', { class: 'bar-label' }), axis, el('span', { class: 'bar-note' })));
  },
});
