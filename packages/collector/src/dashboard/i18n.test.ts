import { describe, expect, it } from 'vitest';
import { isMessageKey, translator } from './i18n.js';
import { EN, ES } from './messages.js';

describe('translator', () => {
  it('looks a message up in the chosen language and fills in its values', () => {
    expect(translator('en')('visitorsN', { n: 5 })).toBe('5 visitors');
    expect(translator('es')('visitorsN', { n: 5 })).toBe('5 visitantes');
    expect(translator('es')('updated', { time: '10:04:05' })).toBe('Actualizado a las 10:04:05');
    expect(translator('en')('botsHidden', { n: 3 })).toBe('3 touchpoints from bots hidden.');
  });

  it('uses the singular form when the language calls the count one', () => {
    expect(translator('en')('visitorsN', { n: 1 }, 1)).toBe('1 visitor');
    expect(translator('en')('visitorsN', { n: 0 }, 0)).toBe('0 visitors');
    expect(translator('es')('touchpointsN', { n: 1 }, 1)).toBe('1 punto de contacto');
    expect(translator('es')('touchpointsN', { n: '1,5' }, 1.5)).toBe('1,5 puntos de contacto');
    // a message without a singular form keeps its one form
    expect(translator('en')('moreTouchpoints', { n: 1 }, 1)).toBe('+1 more');
  });

  it('leaves a placeholder without a value as is, and never reads a value as a pattern', () => {
    expect(translator('en')('visitorsN')).toBe('{n} visitors');
    expect(translator('en')('error', { message: '$& {n} <b>' })).toBe('Error: $& {n} <b>');
  });

  it('has every message in both languages with the same placeholders', () => {
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(ES).sort()).toEqual(Object.keys(EN).sort());
    for (const key of Object.keys(EN) as Array<keyof typeof EN>) {
      expect(ES[key], key).not.toBe('');
      expect(holes(ES[key]), key).toEqual(holes(EN[key]));
    }
  });

  it('tells message keys from other strings', () => {
    expect(isMessageKey('p_redirect_loop')).toBe(true);
    expect(isMessageKey('toString')).toBe(false);
  });
});
