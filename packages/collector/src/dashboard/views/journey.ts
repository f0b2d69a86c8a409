// The journey: the stages of the chosen model as cards with their touchpoints, the share going on to the
// next stage and the time it takes; the same by channel; and where people leave.
import { el, type Child } from '../dom.js';
import type { AbandonmentRow, JourneyReport, StageRow } from '../reports.js';
import { chooseModel, saveModel } from '../state.js';
import { table, type Column } from '../table.js';
import type { Ui } from '../ui.js';
import { defineView } from '../view.js';

/** Touchpoints listed per stage before "+N more". */
const SHOWN = 6;

let model: 'phase' | 'p5' = chooseModel(globalThis.localStorage);

function stageCard(s: StageRow, max: number, ui: Ui): HTMLElement {
  const { t, fmt } = ui;
  const bar = el('span', { class: 'bar-fill' });
  bar.style.setProperty('width', `${max ? Math.round((100 * s.visitors) / max) : 0}%`);
  const names = s.topTouchpoints.slice(0, SHOWN).map((tp) => el('li', { 'data-touchpoint': tp.name }, el('span', {}, ui.touchpoint(tp.name)), ' ', el('span', { class: 'count' }, fmt.number(tp.count))));
  const more = Math.max(s.topTouchpoints.length, s.touchpointNames ?? 0) - Math.min(s.topTouchpoints.length, SHOWN);
  if (more > 0) names.push(el('li', { class: 'more' }, t('moreTouchpoints', { n: fmt.number(more) })));
  return el('li', { class: 'stage', 'data-stage': s.stage },
    el('h3', { class: 'stage-name' }, ui.stage(s.stage)),
    el('p', { class: 'stage-visitors' }, t('visitorsN', { n: fmt.number(s.visitors) }, s.visitors)),
    el('span', { class: 'bar', role: 'presentation' }, bar),
    el('p', { class: 'muted stage-touchpoints' }, t('touchpointsN', { n: fmt.number(s.touchpoints) }, s.touchpoints)),
    el('ul', { class: 'names' }, ...names));
}

function step(s: StageRow, ui: Ui): HTMLElement {
  return el('li', { class: 'step', 'aria-hidden': 'false' },
    el('span', { class: 'conv', 'data-conversion': s.stage }, ui.fmt.percent(s.conversion)),
    el('span', { class: 'muted' }, ui.t('toNext')),
    s.medianMsToNext === null ? null : el('span', { class: 'muted' }, ui.t('medianTime', { d: ui.fmt.duration(s.medianMsToNext) })));
}

function abandonment(report: JourneyReport, ui: Ui): Child {
  const { t, fmt } = ui;
  if (report.abandonment) {
    return table<AbandonmentRow>(ui, [
      { label: 'step', key: true, value: (r) => ui.touchpoint(r.name) },
      { label: 'share', num: true, value: (r) => fmt.percent(r.share) },
      { label: 'left', num: true, value: (r) => fmt.number(r.abandoned) },
      { label: 'reached', num: true, value: (r) => fmt.number(r.reached) },
    ], report.abandonment.filter((r) => r.abandoned > 0), t('abandonmentEmpty'), { id: 'abandonment-table' });
  }
  // Before the abandonment report: sessions ending right after a touchpoint; rows where none did are noise.
  return table(ui, [
    { label: 'touchpoint', key: true, value: (r) => ui.touchpoint(r.name) },
    { label: 'share', num: true, value: (r) => fmt.percent(r.share) },
    { label: 'endedAfter', num: true, value: (r) => fmt.number(r.endedAfter) },
    { label: 'sessions', num: true, value: (r) => fmt.number(r.sessions) },
  ], (report.breaks ?? []).filter((r) => r.endedAfter > 0), t('abandonmentEmpty'), { id: 'abandonment-table' });
}

/** The journey view (`GET /api/reports/journey`). */
export const journeyView = defineView<JourneyReport>({
  id: 'journey',
  title: 'journey',
  url: (q) => `/api/reports/journey?${q}`,
  controls(env) {
    const { t } = env.ui;
    const select = el('select', { id: 'model' },
      el('option', { value: 'phase' }, t('modelPhase')), el('option', { value: 'p5' }, t('modelP5')));
    select.value = model;
    select.addEventListener('change', () => {
      model = select.value === 'p5' ? 'p5' : 'phase';
      saveModel(globalThis.localStorage, model);
      env.rerender();
    });
    return [el('label', {}, el('span', {}, t('model')), ' ', select)];
  },
  render(report, env) {
    const { ui } = env;
    const { t, fmt } = ui;
    if (!report.touchpoints) return el('p', { class: 'empty', id: 'journey-summary' }, t('journeyEmpty'));
    const stages = report.stages[model];
    const max = Math.max(1, ...stages.map((s) => s.visitors));
    const flow = el('ol', { class: `stages n${stages.length}`, id: 'journey-chart' });
    stages.forEach((s, i) => {
      flow.appendChild(stageCard(s, max, ui));
      if (i < stages.length - 1) flow.appendChild(step(s, ui));
    });
    const byChannel = table(ui, [
      { label: 'channel', key: true, value: (c) => ui.channel(c.channel) },
      { label: 'visitors', num: true, value: (c) => fmt.number(c.visitors) },
      ...stages.map((s, i): Column<JourneyReport['byChannel'][number]> => ({
        label: 'stage',
        heading: ui.stage(s.stage),
        num: true,
        value: (c) => {
          const cs = c.stages[model][i];
          return cs ? `${fmt.number(cs.visitors)}${cs.conversion === null ? '' : ` → ${fmt.percent(cs.conversion)}`}` : '—';
        },
      })),
    ], report.byChannel, t('journeyEmpty'), { id: 'channel-table' });
    return el('div', {},
      el('p', { class: 'summary', id: 'journey-summary' }, t('summary', { visitors: t('visitorsN', { n: fmt.number(report.visitors) }, report.visitors), touchpoints: t('touchpointsN', { n: fmt.number(report.touchpoints) }, report.touchpoints) })),
      flow,
      el('h3', {}, t('byChannel')), byChannel,
      el('h3', {}, t('abandonment')), abandonment(report, ui));
  },
});
