// The checkout funnel: people reaching each step as bars on a 0–100 % axis (of those who began), the
// people lost since the step before, and the same by channel and by device.
import { el } from '../dom.js';
import type { FunnelReport, FunnelSegment, FunnelStep } from '../reports.js';
import { table, type Column } from '../table.js';
import type { Ui } from '../ui.js';
import { defineView } from '../view.js';

const TICKS = [0, 0.25, 0.5, 0.75, 1];

function chart(steps: readonly FunnelStep[], ui: Ui): HTMLElement {
  const { t, fmt } = ui;
  const first = steps[0]?.people ?? 0;
  const axis = el('div', { class: 'axis' }, ...TICKS.map((x) => {
    const tick = el('span', { class: 'tick' }, fmt.percent(x));
    tick.style.setProperty('left', `${x * 100}%`);
    return tick;
  }));
  return el('figure', { class: 'bars', id: 'funnel-chart' },
    el('figcaption', {}, t('ofStart')),
    ...steps.map((s, i) => {
      const bar = el('span', { class: 'bar-fill' }, fmt.number(s.people));
      bar.style.setProperty('width', `${first ? (100 * s.people) / first : 0}%`);
      return el('div', { class: 'bar-row', 'data-step': s.step },
        el('span', { class: 'bar-label' }, ui.touchpoint(s.step)),
        el('span', { class: 'bar-track' }, bar),
        el('span', { class: 'bar-note' }, i === 0 || s.conversion === null ? '' : t('dropOff', { n: fmt.number(s.dropOff), p: fmt.percent(1 - s.conversion) })));
    }),
    el('div', { class: 'bar-row axis-row' }, el('span', { class: 'bar-label' }), axis, el('span', { class: 'bar-note' })));
}

function segments(report: FunnelReport, list: readonly FunnelSegment[], name: (key: string) => string, ui: Ui, id: string): HTMLElement {
  const { fmt } = ui;
  const columns: Array<Column<FunnelSegment>> = [
    { label: 'segment', key: true, value: (s) => name(s.key) },
    ...report.steps.map((step, i): Column<FunnelSegment> => ({
      label: 'step', heading: ui.touchpoint(step), num: true,
      value: (s) => {
        const row = s.steps[i];
        return row ? `${fmt.number(row.people)}${row.conversion === null ? '' : ` · ${fmt.percent(row.conversion)}`}` : '—';
      },
    })),
  ];
  return table(ui, columns, list, '', { id, wide: report.steps.length > 4 });
}

/** The checkout funnel view (`GET /api/reports/funnel`). */
export const funnelView = defineView<FunnelReport>({
  id: 'funnel',
  title: 'funnel',
  url: (q) => `/api/reports/funnel?${q}`,
  render(report, { ui }) {
    const { t } = ui;
    if (!report.overall[0]?.people) return el('p', { class: 'empty' }, t('funnelEmpty'));
    return el('div', {},
      chart(report.overall, ui),
      el('h3', {}, t('funnelByChannel')), segments(report, report.byChannel, ui.channel, ui, 'funnel-channels'),
      el('h3', {}, t('funnelByDevice')), segments(report, report.byDevice, ui.device, ui, 'funnel-devices'));
  },
});
