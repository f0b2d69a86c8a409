// Every view rendered in happy-dom from reports carrying markup in each name: the markup stays text.
import { describe, expect, it } from 'vitest';
import { createApi } from '../api.js';
import { LANGS } from '../lang.js';
import { ADS, ATTRIBUTION, CHECKS, FEEDBACK, FUNNEL, HOSTILE, HOSTILE_NAME, JOURNEY, RETENTION, TIMELINE, WEAK } from '../reports.fixture.js';
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
import { timelineView } from './timeline.js';

const CASES: Array<[View<never>, unknown]> = ([
  [journeyView, JOURNEY], [adsView, ADS], [feedbackView, FEEDBACK], [checksView, CHECKS],
  [attributionView, ATTRIBUTION], [funnelView, FUNNEL], [fixFirstView, WEAK], [retentionView, RETENTION], [timelineView, TIMELINE],
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
    expect(email.querySelector('td:nth-child(5)')!.textContent).toBe('€99.00$80.00');
    expect(email.querySelector('td:nth-child(6)')!.textContent).toBe('€30.00');
    const rows = [...root.querySelectorAll('tbody tr td:first-child')].map((n) => n.textContent);
    expect(rows).toEqual(['Paid search', 'Email', HOSTILE, '(not set)', 'Total']);
    expect(root.querySelector('.note')!.textContent).toBe('1 refund of an order outside this range is not subtracted.');
  });

  it('shades retention cells by the share that came back', () => {
    const root = retentionView.render(RETENTION, env('en')) as HTMLElement;
    const first = root.querySelectorAll('tbody tr')[0]!;
    expect(first.querySelector('th')!.textContent).toBe('Jan 5, 2026');
    expect([...first.querySelectorAll('td')].map((td) => td.className)).toEqual(['num people', 'num heat-6', 'num heat-4', 'num heat-3', 'num heat-2', 'num heat-1']);
    expect(root.querySelectorAll('tbody tr')[2]!.querySelectorAll('td.heat-none').length).toBe(5);
    expect([...root.querySelectorAll('thead th')].map((n) => n.textContent)).toEqual(['Cohort · First purchase', 'People', 'Week 1', 'Week 2', 'Week 3', 'Week 4', 'Week 5']);
  });

  it('words every piece of weak-touchpoint evidence from its code and numbers', () => {
    const root = fixFirstView.render(WEAK, env('es')) as HTMLElement;
    expect([...root.querySelectorAll('.fix')].map((n) => n.querySelector('.fix-name')!.textContent)).toEqual(['Registro', 'Visita a una página', HOSTILE_NAME]);
    expect([...root.querySelectorAll('.fix:first-child .evidence')].map((n) => n.textContent)).toEqual([
      'negativo Opiniones: NPS -100 en 1 respuestas, 1 detractores',
      'negativo Abandono: 2 de 5 personas se detuvieron aquí (40 %)'.replace(/ %/g, '\u00a0%'),
      'negativo Soporte: 2 contactos con soporte en los 10 min siguientes',
      'positivo Opiniones: satisfacción 90 % en 10 respuestas'.replace(/ %/g, '\u00a0%'),
    ]);
    expect(root.querySelector('.fix:nth-child(3) .evidence')!.textContent).toBe('negativo Llegada desde anuncio: llega a la página de inicio (2 llegadas)');
  });

  it('lists a person’s touchpoints in order with stage, channel and device in words', () => {
    const root = timelineView.render(TIMELINE, env('es')) as HTMLElement;
    expect([...root.querySelectorAll('.moment strong')].map((n) => n.textContent)).toEqual(['Llegada desde un anuncio', HOSTILE_NAME, 'Pedido entregado']);
    expect(root.querySelector('.moment')!.textContent).toContain('Antes de la compra · Búsqueda de pago · Móvil');
    expect(root.querySelector('.note')!.textContent).toMatch(/^Solo se muestran/);
  });

  it('draws the funnel of those who began, with the people lost at each step', () => {
    const root = funnelView.render(FUNNEL, env('en')) as HTMLElement;
    expect([...root.querySelectorAll('#funnel-chart .bar-row[data-step] .bar-note')].map((n) => n.textContent)).toEqual(['', '1 left (25%)', '0 left (0%)', '0 left (0%)', '0 left (0%)']);
    expect([...root.querySelectorAll('#funnel-devices tbody td:first-child')].map((n) => n.textContent)).toEqual(['Phone', 'Unknown device']);
  });

});
