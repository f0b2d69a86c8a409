import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ad } from '../catalogue/parse.js';
import { checkAd, type CheckOptions } from './check-ad.js';
import { createLimiter } from './limiter.js';
import { createTargetGuard } from './ssrf.js';
import { startLandingServer } from './landing-server.fixture.js';

let server: Awaited<ReturnType<typeof startLandingServer>>;
beforeAll(async () => {
  server = await startLandingServer();
});
afterAll(() => server.close());

const q = '?utm_source=google&utm_medium=cpc&utm_campaign=trail-otono&gclid=abc123';
const ad = (path: string, extra: Partial<Ad> = {}): Ad => ({ adId: path, headline: 'Zapatillas de trail impermeables', keywords: ['zapatillas trail'], landingUrl: `${server.base}${path}`, ...extra });
const options = (extra: Partial<CheckOptions> = {}): CheckOptions => ({ guard: createTargetGuard({ allowLoopback: true }), limit: createLimiter(), ...extra });
const codes = (r: { problems: Array<{ code: string }> }) => r.problems.map((p) => p.code);

describe('checkAd', () => {
  it('passes a relevant Spanish landing page with accents, reading its signals and timings', async () => {
    const r = await checkAd(ad(`/es/zapatillas-trail${q}`), options());
    expect(r).toMatchObject({ ok: true, status: 200, problems: [], droppedParams: [], redirects: [], charset: 'utf-8' });
    expect(r.signals).toMatchObject({ title: 'Zapatillas de trail impermeables | Montaña Shop', h1: 'Zapatillas de trail impermeables', lang: 'es', isHome: false, isForm: false });
    expect(r.relevance?.score).toBe(100);
    expect(r.ttfbMs).toBeGreaterThanOrEqual(0);
    expect(r.totalMs).toBeGreaterThanOrEqual(r.ttfbMs!);
    expect(r.bytes).toBeGreaterThan(1000);
  });

  it('scores an English page against its ad', async () => {
    const r = await checkAd(ad('/en/waterproof-boots', { headline: 'Waterproof hiking boots', keywords: ['hiking boots'] }), options());
    expect(r.relevance?.score).toBe(100);
    expect(r.ok).toBe(true);
  });

  it('says when the ad lands on the home page', async () => {
    const r = await checkAd(ad(`/${q}`), options());
    expect(r.problems.map((p) => p.message)).toContain('lands on the home page');
  });

  it('says when the page is only a registration form', async () => {
    const r = await checkAd(ad('/registro'), options());
    expect(r.problems.map((p) => p.message)).toContain('page is only a registration form');
    expect(r.problems.find((p) => p.code === 'form_page')?.messages?.es).toBe('la página es solo un formulario de registro');
    expect(r.problems.map((p) => p.code)).toContain('off_topic');
  });

  it('flags a thin page in plain words, in English and Spanish, with the ad words it lacks', async () => {
    const r = await checkAd(ad('/es/proximamente', { headline: 'Zapatillas de trail impermeables', keywords: [] }), options());
    const thin = r.problems.find((p) => p.code === 'thin');
    expect(thin?.message).toBe('thin page: 4 words of content and no offer (no price, no buy button); lacks "impermeables"');
    expect(thin?.messages?.es).toBe('página pobre: 4 palabras de contenido y ninguna oferta (ni precio ni botón de compra); le falta «impermeables»');
  });

  it('reports a 404 in plain words', async () => {
    const r = await checkAd(ad('/gone'), options());
    expect(r).toMatchObject({ ok: false, status: 404 });
    expect(r.problems[0]!.message).toBe('404 Not Found');
  });

  it('follows a redirect chain that drops the UTM parameters and click id, and names them', async () => {
    const r = await checkAd(ad(`/r/drop${q}`), options());
    expect(r.redirects.map((h) => h.status)).toEqual([302]);
    expect(r.finalUrl).toBe(`${server.base}/es/zapatillas-trail`);
    expect(r.droppedParams).toEqual(['utm_source', 'utm_medium', 'utm_campaign', 'gclid']);
    expect(r.problems.map((p) => p.message)).toEqual(['redirect drops utm_source, utm_medium, utm_campaign, gclid']);
  });

  it('passes a redirect chain that keeps them', async () => {
    const r = await checkAd(ad(`/r/keep${q}`), options());
    expect(r.redirects.map((h) => h.status)).toEqual([301, 302]);
    expect(r.droppedParams).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('stops at a redirect loop', async () => {
    const r = await checkAd(ad('/loop/a'), options());
    expect(codes(r)).toEqual(['redirect_loop']);
    expect(r.problems[0]!.message).toMatch(/^redirect loop: .*\/loop\/a → .*\/loop\/b → .*\/loop\/a$/);
  });

  it('stops after the redirect limit', async () => {
    const r = await checkAd(ad(`/r/keep${q}`), options({ maxRedirects: 1 }));
    expect(codes(r)).toEqual(['too_many_redirects']);
  });

  it('flags a slow page with its time and times out a page that never answers', async () => {
    const slow = await checkAd(ad('/slow'), options({ maxMs: 300 }));
    expect(slow.problems.map((p) => p.code)).toEqual(['slow']);
    // the page answers after 700 ms; a loaded machine may add to that, never take from it
    expect(Number(/^slow: (\d+\.\d) s$/.exec(slow.problems[0]!.message)?.[1])).toBeGreaterThanOrEqual(0.7);
    const hang = await checkAd(ad('/hang'), options({ timeoutMs: 300 }));
    expect(hang.problems.map((p) => p.message)).toEqual(['no complete answer within 0.3 s']);
  });

  it('stops reading an oversized page but still reads its signals', async () => {
    const r = await checkAd(ad('/big'), options({ maxBytes: 100_000 }));
    expect(r.bytes).toBe(100_000);
    expect(codes(r)).toEqual(['oversized']);
    expect(r.signals?.h1).toBe('Zapatillas de trail');
  });

  it('decodes Latin-1 pages from the header or the meta tag', async () => {
    const header = await checkAd(ad('/latin1', { headline: 'Camisetas de montaña', keywords: [] }), options());
    expect(header.signals?.h1).toBe('Camisetas de montaña baratas');
    expect(header.relevance?.score).toBe(100);
    const meta = await checkAd(ad('/latin1-meta', { headline: 'Año nuevo', keywords: [] }), options());
    expect(meta).toMatchObject({ charset: 'windows-1252', signals: { title: 'Año nuevo', h1: 'Ofertas de Año Nuevo' } });
  });

  it('reads broken HTML and gzip pages', async () => {
    const broken = await checkAd(ad('/broken', { headline: 'Mochilas de trail', keywords: [] }), options());
    expect(broken.signals).toMatchObject({ title: 'Mochilas de trail', h1: 'Mochilas de trail' });
    const gz = await checkAd(ad('/gzip', { keywords: [] , headline: 'Zapatillas trail' }), options());
    expect(gz.signals?.h1).toBe('Zapatillas trail');
  });

  it('reports a bad landing URL without fetching', async () => {
    const r = await checkAd({ adId: 'x', keywords: [], landingUrl: 'ftp://a.example/' }, options());
    expect(r.problems[0]!.message).toBe('landing URL is not an http(s) URL: "ftp://a.example/"');
  });
});

describe('SSRF guard in checkAd', () => {
  it('refuses loopback targets by default, by address and by name', async () => {
    const byIp = await checkAd(ad('/es/zapatillas-trail'), options({ guard: createTargetGuard() }));
    expect(byIp.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^refused: 127\.0\.0\.1 resolves to a private or local address/)]);
    const byName = await checkAd(ad('/es/zapatillas-trail', { landingUrl: `${server.base.replace('127.0.0.1', 'localhost')}/es/zapatillas-trail` }), options({ guard: createTargetGuard() }));
    expect(codes(byName)).toEqual(['refused']);
    expect(byName.problems[0]!.message).toMatch(/^refused: localhost resolves to a private or local address/);
  });

  it('checks every redirect hop: an allowed host redirecting to the cloud metadata address is refused', async () => {
    const guard = createTargetGuard({ allow: ['127.0.0.1'] });
    const meta = await checkAd(ad('/r/metadata'), options({ guard }));
    expect(meta.redirects.map((h) => h.status)).toEqual([302]);
    expect(meta.problems.map((p) => p.message)).toEqual(['refused: 169.254.169.254 resolves to a private or local address (169.254.169.254)']);
  });

  it('checks the resolved address of a redirect hop by name', async () => {
    // The hop to "localhost" is resolved and checked with the same policy: it resolves to the allowed 127.0.0.1.
    const guard = createTargetGuard({ allow: ['127.0.0.1'] });
    const local = await checkAd(ad('/r/localhost'), options({ guard }));
    expect(local.redirects).toHaveLength(1);
    expect(local.finalUrl ?? '').toMatch(/^http:\/\/localhost:/);
  });

  it('lets an explicit allow-list entry (host or CIDR) through', async () => {
    expect((await checkAd(ad('/es/zapatillas-trail'), options({ guard: createTargetGuard({ allow: ['127.0.0.0/8'] }) }))).ok).toBe(true);
    const named = ad('/es/zapatillas-trail', { landingUrl: `${server.base.replace('127.0.0.1', 'localhost')}/es/zapatillas-trail` });
    expect((await checkAd(named, options({ guard: createTargetGuard({ allow: ['localhost'] }) }))).ok).toBe(true);
  });
});
