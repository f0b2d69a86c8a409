// Every view rendered in happy-dom from reports carrying markup in each name: the markup stays text.
import { describe, expect, it } from 'vitest';
import { createApi } from '../api.js';
import { LANGS } from '../lang.js';
import { ADS, ATTRIBUTION, CHECKS, FEEDBACK, FIX_FIRST, FUNNEL, HOSTILE, HOSTILE_NAME, JOURNEY, RETENTION } from '../reports.fixture.js';
import { createUi } from '../ui.js';
import type { View, ViewEnv } from '../view.js';
import { adsView } from './ads.js';
import { attributionView } from './attribution.js';
import { checksView } from './checks.js';
import { feedbackView } from './feedback.js';
import { fixFirstView } from './fix-first.js';
import { funnelView } from './funnel.js';
import { journeyView } from './journey.js';
import { retentionView } from './retention.js';

const CASES: Array<[View<never>, unknown]> = ([
  [journeyView, JOURNEY], [adsView, ADS], [feedbackView, FEEDBACK], [checksView, CHECKS],
  [attributionView, ATTRIBUTION], [funnelView, FUNNEL], [fixFirstView, FIX_FIRST], [retentionView, RETENTION],
] as Array<[View<unknown>, unknown]>) as unknown as Array<[View<never>, unknown]>;

function env(lang: 'en' | 'es'): ViewEnv {
  return { ui: createUi(lang), filters: { site: 'shop', from: '', to: '', bots: false }, role: 'admin', api: createApi({ fetch: () => Promise.reject(new Error('offline')) }),
    reload() {}, rerender() {}, replace() {}, status() {} };
}

describe.each(LANGS)('views in %s', (lang) => {
  it.each(CASES.map(([view, data]) => [view.id, view, data] as const))('%s keeps markup in the data as text', (_id, view, data) => {
    const root = document.createElement('div');
    root.appendChild(view.render(data as never, env(lang)));
    for (const node of view.controls?.(env(lang)) ?? []) root.appendChild(node);
    expect(root.querySelectorAll('script, img, b, i, iframe').length).toBe(0);
    expect(root.querySelectorAll('[onerror], [onmouseover]').length).toBe(0);
    const text = root.textContent ?? '';
    expect(text.includes(HOSTILE) || text.includes(HOSTILE_NAME) || text.includes('/es/<i>hostile</i>') || view.id === 'retention').toBe(true);
  });
});

describe('views', () => {
  it('names built-in touchpoints and channels in plain words, custom names as given', () => {
    const root = journeyView.render(JOURNEY, env('es')) as HTMLElement;
    const during = root.querySelector('[data-stage="during"]')!;
    expect(during.querySelector('.stage-name')!.textContent).toBe('Durante la compra');
    // six names shown, the seventh counted
    expect([...during.querySelectorAll('.names li[data-touchpoint] span:first-child')].map((n) => n.textContent)).toEqual(
      ['Inicio del pago', 'Datos de envío', 'Datos de pago', 'Compra', 'Visita a la tienda', 'Paso del pago']);
    expect(during.querySelector('.more')!.textContent).toBe('+1 más');
    expect(root.querySelector('#channel-table tbody td')!.textContent).toBe('Búsqueda de pago');
  });

  it('leaves the steps nobody left out of the abandonment table', () => {
    const root = journeyView.render(JOURNEY, env('en')) as HTMLElement;
    expect([...root.querySelectorAll('#abandonment-table tbody tr td:first-child')].map((n) => n.textContent)).toEqual(['Checkout started', HOSTILE_NAME]);
  });

  it('words checker problems from their codes in the reader’s language', () => {
    const root = checksView.render(CHECKS, env('es')) as HTMLElement;
    expect([...root.querySelectorAll('tbody tr:first-child .flag')].map((n) => n.textContent)).toEqual(
      ['la página responde HTTP 404', 'la redirección pierde utm_source, gclid', 'lenta: 5,2 s', 'bucle de redirecciones']);
  });

  it('draws the NPS distribution per touchpoint with its axis', () => {
    const root = feedbackView.render(FEEDBACK, env('en')) as HTMLElement;
    const rows = [...root.querySelectorAll('.nps-row[data-touchpoint]')];
    expect(rows.map((r) => r.querySelector('.nps-value')!.textContent)).toEqual(['-100', '50', '0']);
    expect([...rows[1]!.querySelectorAll('.seg')].map((s) => (s as HTMLElement).style.width)).toEqual(['0%', '50%', '50%']);
    expect([...root.querySelectorAll('.axis .tick')].map((n) => n.textContent)).toEqual(['0%', '25%', '50%', '75%', '100%']);
  });

  it('shows attribution money per currency with the model named', () => {
    const root = attributionView.render(ATTRIBUTION, env('en')) as HTMLElement;
    expect(root.querySelector('.model-name')!.textContent).toBe('Last non-direct click');
    const email = [...root.querySelectorAll('tbody tr')][1]!;
    expect(email.querySelector('td:nth-child(2)')!.textContent).toBe('€99.00$40.00');
  });

  it('shades retention cells by the share still active', () => {
    const root = retentionView.render(RETENTION, env('en')) as HTMLElement;
    const first = root.querySelectorAll('tbody tr')[0]!;
    expect([...first.querySelectorAll('td')].map((td) => td.className)).toEqual(['num people', 'num heat-10', 'num heat-6', 'num heat-4', 'num heat-3', 'num heat-2', 'num heat-1']);
    expect(root.querySelectorAll('tbody tr')[2]!.querySelectorAll('td.heat-none').length).toBe(5);
  });
});
