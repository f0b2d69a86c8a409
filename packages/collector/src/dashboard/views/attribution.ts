// Conversions and revenue credited by the model the reader picks (named on screen), per channel,
// campaign, ad or landing page; money per currency, never converted; refunds subtracted.
import { el } from '../dom.js';
import type { AttributionDimension, AttributionModel, AttributionReport, AttributionRow, CurrencyRevenue } from '../reports.js';
import { table } from '../table.js';
import type { Ui } from '../ui.js';
import { defineView } from '../view.js';

const MODELS: readonly AttributionModel[] = ['last_non_direct', 'first_touch', 'linear'];
const DIMENSIONS: readonly AttributionDimension[] = ['channel', 'campaign', 'ad', 'landing'];

let model: AttributionModel = 'last_non_direct';
let dimension: AttributionDimension = 'channel';

/** One amount per currency, one a line ("—" for none). */
export function moneyList(list: readonly CurrencyRevenue[], amount: (r: CurrencyRevenue) => number | null, ui: Ui): HTMLElement {
  const shown = list.filter((r) => amount(r) !== null && amount(r) !== 0);
  if (!shown.length) return el('span', {}, '—');
  return el('span', { class: 'money' }, ...shown.flatMap((r, i) => [i ? el('br') : null, ui.fmt.money(amount(r)!, r.currency)]));
}

function picker<T extends string>(id: string, label: string, values: readonly T[], current: T, words: (v: T) => string, onChange: (v: T) => void): HTMLElement {
  const select = el('select', { id }, ...values.map((v) => el('option', { value: v }, words(v))));
  select.value = current;
  select.addEventListener('change', () => onChange(select.value as T));
  return el('label', {}, el('span', {}, label), ' ', select);
}

/** The attribution view (`GET /api/reports/attribution?model=&by=`). */
export const attributionView = defineView<AttributionReport>({
  id: 'attribution',
  title: 'attribution',
  url: (q) => `/api/reports/attribution?${q}&model=${model}&by=${dimension}`,
  controls(env) {
    const { t } = env.ui;
    const change = <T>(set: (v: T) => void) => (v: T) => {
      set(v);
      env.reload();
    };
    return [
      picker('attribution-model', t('attributionModel'), MODELS, model, (m) => t(`m_${m}`), change((m) => (model = m))),
      picker('attribution-dimension', t('dimension'), DIMENSIONS, dimension, (d) => t(`d_${d}`), change((d) => (dimension = d))),
    ];
  },
  render(report, { ui }) {
    const { t, fmt } = ui;
    const by = report.by;
    const name = (r: AttributionRow) => (r.key === null ? t('notSet') : by === 'channel' ? ui.channel(r.key) : r.key);
    const rows: Array<AttributionRow & { total?: true }> = report.rows.length ? [...report.rows, { key: null, ...report.totals, total: true }] : [];
    return el('div', {},
      el('p', { class: 'summary' }, el('strong', { class: 'model-name' }, t(`m_${report.model}`)), ' · ', t('lookback', { n: fmt.number(report.lookbackDays) }, report.lookbackDays)),
      table<AttributionRow & { total?: true }>(ui, [
        { label: `d_${by}`, key: true, className: (r) => (r.total ? 'total' : ''), value: (r) => (r.total ? t('total') : name(r)) },
        { label: 'revenue', num: true, value: (r) => moneyList(r.revenue, (c) => c.net, ui) },
        { label: 'purchases', num: true, value: (r) => fmt.number(r.purchases) },
        { label: 'signUps', num: true, value: (r) => fmt.number(r.signUps) },
        { label: 'aov', num: true, value: (r) => moneyList(r.revenue, (c) => c.averageOrderValue, ui) },
        { label: 'refunds', num: true, value: (r) => moneyList(r.revenue, (c) => c.refunds, ui) },
      ], rows, t('attributionEmpty'), { id: 'attribution-table' }),
      report.unmatchedRefunds ? el('p', { class: 'note' }, t('unmatchedRefunds', { n: fmt.number(report.unmatchedRefunds) }, report.unmatchedRefunds)) : null);
  },
});
