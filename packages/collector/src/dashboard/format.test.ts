import { describe, expect, it } from 'vitest';
import { createFormat } from './format.js';

// Intl separates a number from "%" and "€" with a no-break space in Spanish.
const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('createFormat', () => {
  const en = createFormat('en');
  const es = createFormat('es');

  it('formats numbers with each language’s separators', () => {
    expect(en.number(12345.67)).toBe('12,345.7');
    expect(nb(es.number(12345.67))).toBe('12.345,7');
    expect(en.number(null)).toBe('—');
  });

  it('formats shares as whole percentages', () => {
    expect(en.percent(0.4)).toBe('40%');
    expect(nb(es.percent(0.25))).toBe('25 %');
    expect(en.percent(0.666)).toBe('67%');
    expect(es.percent(undefined)).toBe('—');
  });

  it('formats durations in the largest fitting unit, with the language’s decimal mark', () => {
    expect(en.duration(4000)).toBe('4.0 s');
    expect(es.duration(4000)).toBe('4,0 s');
    expect(en.duration(42_000)).toBe('42 s');
    expect(en.duration(90_000)).toBe('1.5 min');
    expect(en.duration(1_800_000)).toBe('30 min');
    expect(en.duration(5_400_000)).toBe('1.5 h');
    expect(es.duration(3 * 86_400_000)).toBe('3,0 d');
    expect(en.duration(null)).toBe('—');
  });

  it('formats money per currency, never converted', () => {
    expect(en.money(129, 'EUR')).toBe('€129.00');
    expect(nb(es.money(129, 'EUR'))).toBe('129,00 €');
    expect(en.money(1234.5, 'USD')).toBe('$1,234.50');
    expect(en.money(5000, 'JPY')).toBe('¥5,000');
    expect(en.money(12, 'POINTS')).toBe('12.00 POINTS');
  });

  it('formats days in each language, an ISO day the same in every time zone', () => {
    expect(en.date('2026-01-05')).toBe('Jan 5, 2026');
    expect(es.date('2026-01-05')).toBe('5 ene 2026');
    expect(en.date(Date.UTC(2026, 6, 1, 12))).toBe('Jul 1, 2026');
  });
});
