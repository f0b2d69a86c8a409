// Conversions and revenue credited by the model the reader picks (named on screen), per channel,
// campaign, ad or landing page; money per currency, never converted.
import { el } from '../dom.js';
import type { AttributionDimension, AttributionModel, AttributionReport, AttributionRow, Money } from '../reports.js';
import { table } from '../table.js';
import type { Ui } from '../ui.js';
import { defineView } from '../view.js';

const MODELS: readonly AttributionModel[] = ['last_non_direct', 'first_touch', 'linear'];
const DIMENSIONS: readonly AttributionDimension[] = ['channel', 'campaign', 'ad', 'landing'];

let model: AttributionModel = 'last_non_direct';
let dimension: AttributionDimension = 'channel';

/** Amounts of several currencies, one a line. */
export function moneyList(list: readonly Money[] | undefined, ui: Ui): HTMLElement {
  if (!list?.length) return el('span', {}, '—');
  return el('span', { class: 'money' }, ...list.flatMap((m, i) => [i ? el('br') : null, ui.fmt.money(m.amount, m.currency)]));
}

function keyLabel(row: AttributionRow, ui: Ui): string {
  if (dimension === 'channel') return ui.channel(row.key);
  return row.key || '—';
}

function picker<T extends string>(id: string, label: string, values: readonly T[], current: T, words: (v: T) => string, onChange: (v: T) => void): HTMLElement {
  const select = el('select', { id }, ...values.map((v) => el('option', { value: v }, words(v))));
  select.value = current;
  select.addEventListener('change', () => onChange(select.value as T));
  return el('label', {}, el('span', {}, label), ' ', select);
}

/** The attribution view (`GET /api/reports/attribution?model=`). */
export const attributionView = defineView<AttributionReport>({
  id: 'attribution',
  title: 'attribution',
  url: (q) => `/api/reports/attribution?${q}&model=${model}`,
  controls(env) {
    const { t } = env.ui;
    return [
      picker('attribution-model', t('attributionModel'), MODELS, model, (m) => t(`m_${m}`), (m) => {
        model = m;
        env.reload();
      }),
      picker('attribution-dimension', t('dimension'), DIMENSIONS, dimension, (d) => t(`d_${d}`), (d) => {
        dimension = d;
        env.rerender();
      }),
    ];
  },
  render(report, { ui }) {
    const { t, fmt } = ui;
    const rows = report.rows[dimension] ?? [];
    return el('div', {},
      el('p', { class: 'summary' }, el('strong', { class: 'model-name' }, t(`m_${report.model}`)), ' · ', t('lookback', { n: fmt.number(report.lookbackDays) })),
      table<AttributionRow>(ui, [
        { label: `d_${dimension}`, key: true, value: (r) => keyLabel(r, ui) },
        { label: 'revenue', num: true, value: (r) => moneyList(r.revenue, ui) },
        { label: 'conversions', num: true, value: (r) => fmt.number(r.conversions) },
        { label: 'orders', num: true, value: (r) => fmt.number(r.orders) },
        { label: 'aov', num: true, value: (r) => moneyList(r.aov, ui) },
        { label: 'refunds', num: true, value: (r) => moneyList(r.refunds, ui) },
      ], rows, t('attributionEmpty'), { id: 'attribution-table' }));
  },
});
