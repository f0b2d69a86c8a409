// Ad landing checks: what the checker found on each registered ad's page, beside what visitors saw.
// "Check now" is an admin's; a viewer sees the results only.
import { ApiError } from '../api.js';
import { el } from '../dom.js';
import type { CheckResult, ChecksReport } from '../reports.js';
import { table } from '../table.js';
import type { Ui } from '../ui.js';
import { defineView, type ViewEnv } from '../view.js';
import { chips } from './flags.js';

function saw(r: CheckResult, ui: Ui): string {
  const v = r.visitors;
  if (!v) return '—';
  const { fmt } = ui;
  return ui.t('sawLine', { n: fmt.number(v.landings), b: fmt.percent(v.bounceRate), s: fmt.percent(v.signUpRate), l: fmt.duration(v.lcpP75) }, v.landings);
}

async function checkNow(button: HTMLButtonElement, env: ViewEnv): Promise<void> {
  const { t } = env.ui;
  button.disabled = true;
  env.status(t('checking'));
  try {
    env.replace(await env.api.send<ChecksReport>('POST', `/api/check-ads?site=${encodeURIComponent(env.filters.site)}`));
    env.status(t('updated', { time: env.ui.fmt.time(Date.now()) }));
  } catch (err) {
    const e = err as Error;
    if (e instanceof ApiError && e.status === 401) return;
    env.status(e instanceof ApiError && e.status === 409 ? t('checkRunning') : e instanceof ApiError && e.status === 422 ? t('noAdsToCheck') : t('error', { message: e.message }), true);
  } finally {
    button.disabled = false;
  }
}

/** The ad checks view (`GET /api/check-ads`, `POST` for "Check now"). */
export const checksView = defineView<ChecksReport>({
  id: 'checks',
  title: 'checks',
  url: (q, filters) => (filters.site ? `/api/check-ads?${q}` : null),
  needs: 'pickSite',
  controls(env) {
    if (env.role !== 'admin' || !env.filters.site) return [];
    const button = el('button', { id: 'check-now', type: 'button' }, env.ui.t('checkNow'));
    button.addEventListener('click', () => void checkNow(button, env));
    return [button];
  },
  render(report, { ui }) {
    const { t, fmt } = ui;
    return table<CheckResult>(ui, [
      { label: 'ad', key: true, value: (r) => r.adId },
      { label: 'problems', className: (r) => (r.ok ? 'ok' : ''), value: (r) => (r.ok ? t('ok') : chips(r.problems, ui, { status: r.status, droppedParams: r.droppedParams, totalMs: r.totalMs })) },
      { label: 'score', num: true, value: (r) => (r.relevance ? fmt.number(r.relevance.score) : '—') },
      { label: 'status', num: true, value: (r) => (r.status ? String(r.status) : '—') },
      { label: 'time', num: true, value: (r) => fmt.duration(r.totalMs) },
      { label: 'visitorsSaw', value: (r) => saw(r, ui) },
      { label: 'checkedAt', value: (r) => fmt.dateTime(r.checkedAt) },
    ], report.results, t('checksEmpty'), { wide: true, id: 'checks-table' });
  },
});
