import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLICK_IDS } from '@touchpoint/schema';
import { fakeCollector, testConfig } from '../test-client.fixture.js';
import { createClient } from '../client.js';
import type { Client } from '../types.js';
import { isFormPage, isHome, landingPageSignals, landingSignals } from './ad-landing.js';
import { autoAdLanding } from './ad-landing-auto.js';

let clients: Client[] = [];
const make = (...a: Parameters<typeof createClient>) => (clients.push(createClient(...a)), clients[clients.length - 1]!);
beforeEach(() => {
  localStorage.clear();
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});
afterEach(() => clients.splice(0).forEach((c) => c.stop()));

describe('ad landing', () => {
  for (const [param, network] of Object.entries(CLICK_IDS)) {
    it(`tags ad_landing for the ${param} click id (${network})`, async () => {
      history.replaceState(null, '', `/landing?${param}=CLK1&other=1`);
      const col = fakeCollector();
      const c = make(testConfig(col), [autoAdLanding]);
      await c.flush();
      const [e] = col.events();
      expect(e!.name).toBe('ad_landing');
      expect(e!.campaign).toMatchObject({ clickIdParam: param, clickId: 'CLK1', network, landingPath: '/landing' });
      expect(typeof e!.campaign!.ts).toBe('number');
      expect(e!.page!.url).toBe(`${location.origin}/landing?${param}=CLK1`);
      expect(e!.stage).toEqual({ phase: 'before', p5: 'pre_touch' });
    });
  }

  it('tags ad_landing for UTM parameters with the page signals', async () => {
    document.documentElement.lang = 'es';
    document.head.innerHTML = '<meta name="description" content="Zapatillas para montaña"><link rel="canonical" href="https://shop.test/es/zapatillas">';
    document.title = 'Zapatillas trail';
    document.body.innerHTML = '<h1> Zapatillas trail </h1><p>Texto largo del producto para que la página no sea un formulario.</p>';
    history.replaceState(null, '', '/es/zapatillas?utm_source=google&utm_medium=cpc&utm_campaign=trail');
    const col = fakeCollector();
    const c = make(testConfig(col), [landingPageSignals, autoAdLanding]);
    await c.flush();
    const [e] = col.events();
    expect(e!.campaign).toMatchObject({ source: 'google', medium: 'cpc', campaign: 'trail' });
    expect(e!.properties).toEqual({
      path: '/es/zapatillas', is_home: false, is_form: false, title: 'Zapatillas trail', description: 'Zapatillas para montaña',
      h1: 'Zapatillas trail', canonical: 'https://shop.test/es/zapatillas', lang: 'es',
    });
  });

  it('does nothing without campaign parameters, or with adLandings: false', async () => {
    history.replaceState(null, '', '/plain?q=1');
    const col = fakeCollector();
    await make(testConfig(col), [autoAdLanding]).flush();
    history.replaceState(null, '', '/?gclid=x');
    await make(testConfig(col, { adLandings: false }), [autoAdLanding]).flush();
    expect(col.names()).toEqual([]);
  });

  it('persists first and last touch across visits and attaches them to conversions only', async () => {
    history.replaceState(null, '', '/?utm_source=newsletter&utm_campaign=spring');
    const col = fakeCollector();
    make(testConfig(col), [autoAdLanding]).stop();
    // a later visit, from another ad
    history.replaceState(null, '', '/?gclid=G2');
    const second = make(testConfig(col), [autoAdLanding]);
    second.tag('browse');
    second.signUp({ method: 'email' });
    second.checkoutStep('purchase', { value: 10, currency: 'EUR' });
    await second.flush();
    // the next visit, no campaign
    history.replaceState(null, '', '/account');
    const third = make(testConfig(col));
    third.checkoutStep('begin');
    await third.flush();
    const byName = Object.fromEntries(col.events().map((e) => [e.name, e]));
    expect(byName.browse!.attribution).toBeUndefined();
    for (const n of ['sign_up', 'purchase', 'begin_checkout']) {
      expect(byName[n]!.attribution!.first).toMatchObject({ source: 'newsletter', campaign: 'spring' });
      expect(byName[n]!.attribution!.last).toMatchObject({ clickId: 'G2', network: 'google' });
    }
  });
});

describe('landing signals', () => {
  it('recognises home pages, language roots included', () => {
    // The schema's isHomePath, the checker's rule too.
    for (const p of ['/', '/index.html', '/index.php', '/es/', '/pt-br/', '/pt_BR', '/en']) expect(isHome(p)).toBe(true);
    for (const p of ['/shoes', '/es/zapatillas', '/index.html/x']) expect(isHome(p)).toBe(false);
  });

  it('recognises a page that is mainly a sign-up form', () => {
    document.body.innerHTML = '<h1>Join</h1><form><label>E-mail <input type="email"></label><label>Password <input type="password"></label><button>Create account</button></form>';
    expect(isFormPage()).toBe(true);
    document.body.innerHTML = `<article>${'A long article about trail running shoes. '.repeat(20)}</article><form><input type="email"><button>Subscribe</button></form>`;
    expect(isFormPage()).toBe(false);
    document.body.innerHTML = '<form data-touchpoint="sign_up"><input name="name"><button>Register now</button></form>';
    expect(isFormPage()).toBe(true);
    document.body.innerHTML = '<p>No form here</p>';
    expect(landingSignals()).toMatchObject({ is_form: false });
  });

  it('counts only the words outside forms, navigation, header, footer and hidden elements (the schema rule the checker applies)', () => {
    // A registration page in a shop's chrome: the long footer and menu are not content, so it is a bare form.
    const chrome = `<header><nav>${'<a href="/x">Shoes and jackets</a>'.repeat(20)}</nav></header>`;
    const footer = `<footer>${'<p>Free returns within thirty days on every order.</p>'.repeat(10)}</footer>`;
    const form = '<form><label>E-mail <input type="EMAIL"></label><button>Sign up</button></form>';
    document.body.innerHTML = `${chrome}<main><h1>Create your account</h1>${form}</main>${footer}<script>var a = "${'word '.repeat(100)}";</script>`;
    expect(isFormPage()).toBe(true);
    // 79 words of content is still only a form; 80 is a page with a form on it.
    document.body.innerHTML = `<p>${'word '.repeat(79)}</p>${form}`;
    expect(isFormPage()).toBe(true);
    document.body.innerHTML = `<p>${'word '.repeat(79)}</p><p>more</p>${form}`;
    expect(isFormPage()).toBe(false);
    // An e-mail field outside any form, or a form without an account field, is no registration form.
    document.body.innerHTML = '<h1>Newsletter</h1><input type="email"><form><input name="q"><button>Search</button></form>';
    expect(isFormPage()).toBe(false);
  });
});
