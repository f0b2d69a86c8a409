// Ad landings: per campaign and landing page, the verdict first (relevance, flags), then what visitors did.
import { el } from '../dom.js';
import type { AdLandingRow, AdsReport } from '../reports.js';
import { table } from '../table.js';
import { defineView } from '../view.js';
import { chips } from './flags.js';

const joined = (...parts: Array<string | null>) => parts.filter(Boolean).join(' / ');

/** The ad landings view (`GET /api/reports/ads`). */
export const adsView = defineView<AdsReport>({
  id: 'ads',
  title: 'ads',
  url: (q) => `/api/reports/ads?${q}`,
  render(report, { ui }) {
    const { t, fmt } = ui;
    return table<AdLandingRow>(ui, [
      { label: 'campaign', key: true, value: (r) => el('span', {}, el('strong', {}, joined(r.campaign) || '—'), el('br'), el('span', { class: 'muted' }, joined(r.source, r.medium, r.term, r.content))) },
      { label: 'relevance', num: true, className: (r) => (r.relevance < 40 ? 'negative' : r.relevance < 70 ? 'neutral' : 'positive'), value: (r) => fmt.number(r.relevance) },
      { label: 'flags', value: (r) => chips(r.flags, ui, { bounceRate: r.bounceRate, lcpP75: r.lcpP75 }) },
      { label: 'landings', num: true, value: (r) => fmt.number(r.landings) },
      { label: 'bounce', num: true, value: (r) => fmt.percent(r.bounceRate) },
      { label: 'signUp', num: true, value: (r) => fmt.percent(r.signUpRate) },
      { label: 'purchase', num: true, value: (r) => fmt.percent(r.purchaseRate) },
      { label: 'lcp', num: true, value: (r) => fmt.duration(r.lcpP75) },
      { label: 'page', value: (r) => el('span', {}, el('code', {}, r.path ?? '—'), r.title ? el('br') : null, r.title ? el('span', { class: 'muted page-title' }, r.title) : null) },
    ], report.rows, t('adsEmpty'), { wide: true, id: 'ads-table' });
  },
});
