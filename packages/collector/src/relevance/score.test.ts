import { describe, expect, it } from 'vitest';
import { scoreRelevance } from './score.js';
import { terms } from './normalize.js';
import { stem } from './stem.js';

describe('terms', () => {
  it('folds accents, drops Spanish and English stop words, splits slugs', () => {
    expect(terms('Las Zapatillas de MONTAÑA más ligeras')).toEqual(['zapatill', 'montan', 'liger']);
    expect(terms('/es/zapatillas-trail/oferta')).toEqual(['zapatill', 'trail', 'ofert']);
    expect(terms('The best running shoes for you')).toEqual(['best', 'runn', 'sho']);
  });
  it('maps singular and plural, masculine and feminine to one stem', () => {
    for (const [a, b] of [['zapatillas', 'zapatilla'], ['camiones', 'camion'], ['rojas', 'rojo'], ['shoes', 'shoe'], ['cities', 'city'], ['runners', 'running']]) {
      expect(stem(a!), `${a} ~ ${b}`).toBe(stem(b!));
    }
  });
});

describe('scoreRelevance', () => {
  it('scores a Spanish page that repeats the ad words in its title at 100, whatever the accents', () => {
    const r = scoreRelevance({ term: 'zapatillas montaña', headline: 'Zapatillas de montaña' }, { title: 'Zapatillas de Montana | Tienda', path: '/' });
    expect(r.score).toBe(100);
    expect(r.inHeadline).toBe(true);
  });
  it('gives partial credit for words only in the description or path', () => {
    // 'trail' is in the title (1), 'impermeable' only in the description (0.6): (1 + 0.6) / 2 = 80
    expect(scoreRelevance({ term: 'trail impermeable' }, { title: 'Trail', description: 'Modelo impermeable' }).score).toBe(80);
    // 'boots' only in the path (0.4) → 40
    expect(scoreRelevance({ keywords: ['boots'] }, { title: 'Welcome', path: '/boots' }).score).toBe(40);
  });
  it('explains a page without any ad word in title or h1', () => {
    const r = scoreRelevance({ term: 'running shoes', keywords: ['trail'] }, { title: 'Home', h1: 'Welcome to our shop' });
    expect(r.score).toBe(0);
    expect(r.reason).toBe('relevance 0/100: no ad keyword in title or h1');
    expect(r.missing).toEqual(['runn', 'sho', 'trail']);
  });
  it('matches English ads to their landing h1', () => {
    const r = scoreRelevance({ term: 'waterproof hiking boots' }, { h1: 'Hiking boots, waterproof and light' });
    expect(r.score).toBe(100);
  });
  it('scores an ad with no words at 100 and says why', () => {
    expect(scoreRelevance({ term: 'de la' }, { title: 'x' })).toMatchObject({ score: 100, reason: 'no ad words to compare' });
  });
});

describe('scoreRelevance and campaign names', () => {
  it('ignores an internal campaign code when the ad has its own words, and falls back to it otherwise', () => {
    expect(scoreRelevance({ term: 'zapatillas', campaign: 'q3_brand_es' }, { title: 'Zapatillas' }).score).toBe(100);
    expect(scoreRelevance({ campaign: 'zapatillas-trail' }, { title: 'Zapatillas', path: '/x' }).score).toBe(50);
  });
});
