import { describe, expect, it } from 'vitest';
import { chooseLang, chooseModel, filterQuery, readFilters, saveLang, saveModel, saveSite, type KeyValueStore } from './state.js';

function memory(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const broken: KeyValueStore = {
  getItem: () => { throw new Error('SecurityError'); },
  setItem: () => { throw new Error('QuotaExceededError'); },
};

describe('filters', () => {
  it('reads site, days and bots from the address, ignoring malformed days', () => {
    const f = readFilters(new URLSearchParams('site=shop&from=2026-01-05&to=yesterday&bots=include'));
    expect(f).toEqual({ site: 'shop', from: '2026-01-05', to: '', bots: true });
  });

  it('falls back to the site chosen last', () => {
    const storage = memory();
    saveSite(storage, 'blog');
    expect(readFilters(new URLSearchParams(''), storage).site).toBe('blog');
    expect(readFilters(new URLSearchParams('site=shop'), storage).site).toBe('shop');
  });

  it('builds the report query, leaving empty values out', () => {
    expect(filterQuery({ site: 'shop', from: '', to: '2026-01-31', bots: false }).toString()).toBe('site=shop&to=2026-01-31');
    expect(filterQuery({ site: '', from: '', to: '', bots: true }).toString()).toBe('bots=include');
  });
});

describe('language choice', () => {
  it('uses the browser’s language when it is Spanish or English, else English', () => {
    expect(chooseLang(memory(), ['es-ES', 'en'])).toBe('es');
    expect(chooseLang(memory(), ['fr-FR', 'en-GB'])).toBe('en');
    expect(chooseLang(memory(), ['de'])).toBe('en');
  });

  it('keeps the reader’s choice over the browser’s', () => {
    const storage = memory();
    saveLang(storage, 'es');
    expect(storage.data.get('tp.lang')).toBe('es');
    expect(chooseLang(storage, ['en-US'])).toBe('es');
    storage.data.set('tp.lang', 'klingon');
    expect(chooseLang(storage, ['en-US'])).toBe('en');
  });

  it('works when storage is missing or refuses', () => {
    expect(chooseLang(undefined, ['es'])).toBe('es');
    expect(chooseLang(broken, ['es'])).toBe('es');
    expect(() => saveLang(broken, 'en')).not.toThrow();
  });

  it('remembers the journey stage model', () => {
    const storage = memory();
    expect(chooseModel(storage)).toBe('phase');
    saveModel(storage, 'p5');
    expect(chooseModel(storage)).toBe('p5');
  });
});
