import { describe, expect, it } from 'vitest';
import { scoreRelevance } from './score.js';
import { stems, terms } from './normalize.js';
import { stem } from './stem.js';
import { learnSite, type SiteDoc } from './site-knowledge.js';
import { extendLexicon, parseSynonyms } from './lexicon.js';

describe('stemming (Snowball, Spanish and English)', () => {
  it('fixes the defects of the old suffix stripper: running shoes, corriendo, caminando', () => {
    expect(stems('running shoes', 'en')).toEqual(['run', 'shoe']);
    expect(stem('runs', 'en')).toBe('run');
    expect(stem('corriendo', 'es')).toBe(stem('correr', 'es'));
    expect(stem('corriendo', 'es')).toBe('corr');
    expect(stem('caminando', 'es')).toBe('camin');
    expect(stem('caminar', 'es')).toBe('camin');
  });
  it('maps singular and plural to one stem, including the Spanish plurals Snowball parts', () => {
    for (const [a, b, lang] of [['zapatillas', 'zapatilla', 'es'], ['camiones', 'camion', 'es'], ['auriculares', 'auricular', 'es'], ['ordenadores', 'ordenador', 'es'],
      ['bicis', 'bici', 'es'], ['luces', 'luz', 'es'], ['shoes', 'shoe', 'en'], ['cities', 'city', 'en'], ['boots', 'boot', 'en']] as const) {
      expect(stem(a, lang), `${a} ~ ${b}`).toBe(stem(b, lang));
    }
  });
  it('folds accents and case, drops stop words, splits slugs', () => {
    expect(stems('Las Zapatillas de MONTAÑA más ligeras', 'es')).toEqual(stems('zapatillas montana ligeras', 'es'));
    expect(stems('/es/zapatillas-trail/oferta', 'es')).toEqual(['zapatill', 'trail', 'ofert']);
    expect(stems('The best running shoes for every runner', 'en')).toEqual(['best', 'run', 'shoe', 'runner']);
  });
});

describe('synonyms (curated data, extendable by the catalogue)', () => {
  it('reads every phrase of a group as its first: trainers = sneakers, hooded sweatshirt = hoodie, ordenador portátil = portátil', () => {
    expect(stems('trainers', 'en')).toEqual(stems('sneakers', 'en'));
    expect(stems('Hooded sweatshirts', 'en')).toEqual(stems('hoodie', 'en'));
    expect(stems('ordenadores portátiles', 'es')).toEqual(stems('portatil', 'es'));
    expect(stems('bici de montaña', 'es')).toEqual(stems('bicicleta de montaña', 'es'));
  });
  it('takes a shop\'s own groups from the catalogue format (| between groups, = between phrases)', () => {
    const groups = parseSynonyms('e-bike=bici eléctrica | patinete=scooter');
    expect(groups).toEqual([['e-bike', 'bici eléctrica'], ['patinete', 'scooter']]);
    const lex = extendLexicon('es', groups);
    expect(terms('bici eléctrica', 'es', lex).map((t) => t.stem)).toEqual(stems('ebike', 'es'));
    expect(scoreRelevance({ term: 'scooter' }, { title: 'Patinetes', lang: 'es' }, { synonyms: groups }).score).toBe(100);
  });
});

// A small bike shop, as the checker would learn it: three pages and their ads.
const page = (path: string, text: string, title = text): SiteDoc => ({ origin: 'https://bici.example', key: `page:${path}`, lang: 'es', path, title, blocks: [['h' + path, stems(text, 'es')]] });
const adDoc = (id: string, text: string): SiteDoc => ({ origin: 'https://bici.example', key: `ad:${id}`, lang: 'es', stems: stems(text, 'es') });
const shop = learnSite([
  page('/carretera', 'Bicicletas de carretera de carbono, ligeras para puertos'),
  page('/montana', 'Bicicletas de montaña con doble suspensión para senderos'),
  page('/electricas', 'Bicicletas eléctricas con batería y motor'),
  page('/', 'Ciclos Norte: tienda de bicicletas en Bilbao', 'Ciclos Norte | Tienda de bicicletas'),
  adDoc('a', 'bicicletas de carretera'), adDoc('b', 'bicicletas de montaña'),
]);

describe('scoreRelevance', () => {
  it('fails a near miss: the generic words match, the distinguishing one is missing', () => {
    const r = scoreRelevance({ term: 'bicicletas de carretera' }, { title: 'Bicicletas de montaña', h1: 'Bicicletas de montaña', lang: 'es', main: 'Bicicletas de montaña con doble suspensión para senderos' }, { site: shop });
    expect(r.distinguishing).toBe('carretera');
    expect(r.flags.map((f) => f.code)).toEqual(['off_topic']);
    expect(r.flags[0]).toMatchObject({ distinguishing: 'carretera', missing: ['carretera'] });
    expect(r.flags[0]!.messages.es).toBe('fuera de tema: la página no dice «carretera», la palabra que distingue este anuncio');
    expect(r.flags[0]!.message).toBe('off topic: the page never says "carretera", the word that sets this ad apart');
  });
  it('passes the right page, and without the site\'s learning cannot tell the near miss', () => {
    expect(scoreRelevance({ term: 'bicicletas de carretera' }, { title: 'Bicicletas de carretera', lang: 'es' }, { site: shop }).flags).toEqual([]);
    expect(scoreRelevance({ term: 'bicicletas de carretera' }, { title: 'Bicicletas de montaña', lang: 'es' }).score).toBe(50);
  });
  it('gives partial credit for words only in the description, the slug or the main content', () => {
    const r = scoreRelevance({ term: 'trail impermeable' }, { title: 'Trail', description: 'Modelo impermeable', lang: 'es' });
    expect(r.score).toBe(90); // (1 + 0.8) / 2
    expect(scoreRelevance({ keywords: ['boots'] }, { title: 'Welcome', path: '/boots', lang: 'en' }).score).toBe(60);
    expect(scoreRelevance({ keywords: ['boots'] }, { title: 'Welcome', main: 'Our boots. More boots.', lang: 'en' }).score).toBe(80);
  });
  it('matches compounds both ways: trailrunning ~ trail running, rain jacket ~ rainjacket', () => {
    expect(scoreRelevance({ term: 'trailrunning shoes' }, { h1: 'Trail running shoes', lang: 'en' }).score).toBe(100);
    expect(scoreRelevance({ term: 'trail running' }, { h1: 'Trailrunning', lang: 'en' }).missing).toEqual([]);
  });
  it('says in plain words when no ad word is on the page', () => {
    const r = scoreRelevance({ term: 'running shoes', keywords: ['trail'] }, { title: 'Home', h1: 'Welcome to our shop', lang: 'en' });
    expect(r.score).toBe(0);
    expect(r.reason).toBe('off topic: relevance 0/100, the page lacks "running", "shoes", "trail"');
    expect(r.reasons.es).toBe('fuera de tema: relevancia 0/100, a la página le falta «running», «shoes», «trail»');
  });
  it('recognises brand ads from the site name (og:site_name, title, domain) and needs only the brand', () => {
    expect(scoreRelevance({ term: 'Ciclos Norte tienda oficial' }, { title: 'Ciclos Norte | Tienda de bicicletas', lang: 'es', path: '/' }, { site: shop }).brandAd).toBe(true);
    expect(scoreRelevance({ term: 'tecno casa' }, { title: 'Electrónica', lang: 'es' }, { host: 'www.tecnocasa.es' }).brandAd).toBe(true);
    expect(scoreRelevance({ term: 'stride official store' }, { title: 'Shoes', siteName: 'Stride', lang: 'en' }).brandAd).toBe(true);
    expect(scoreRelevance({ term: 'Ciclos Norte bicicletas de carretera' }, { title: 'x', lang: 'es' }, { site: shop }).brandAd).toBe(false);
    expect(scoreRelevance({ headline: 'Los especialistas', brand: true }, { title: 'Ciclos Norte', lang: 'es' }).brandAd).toBe(true);
  });
  it('flags a thin page: under 40 words of main content and no offer', () => {
    const thin = scoreRelevance({ term: 'ofertas' }, { h1: 'Ofertas', main: 'Ofertas. Próximamente.', mainWords: 2, hasOffer: false, lang: 'es' });
    expect(thin.flags.map((f) => f.code)).toEqual(['thin']);
    expect(scoreRelevance({ term: 'casco' }, { h1: 'Casco', main: 'Casco 39 €', mainWords: 3, hasOffer: true, lang: 'es' }).flags).toEqual([]);
  });
  it('scores an ad with no words at 100 and says why', () => {
    expect(scoreRelevance({ term: 'de la' }, { title: 'x' })).toMatchObject({ score: 100, reason: 'relevance 100/100: 0 of 0 ad words on the page', flags: [] });
  });
  it('ignores an internal campaign code when the ad has its own words, and falls back to it otherwise', () => {
    expect(scoreRelevance({ term: 'zapatillas', campaign: 'q3_brand_es' }, { title: 'Zapatillas' }).score).toBe(100);
    expect(scoreRelevance({ campaign: 'zapatillas-trail' }, { title: 'Zapatillas', path: '/x' }).score).toBe(50);
  });
});
