import { describe, expect, it } from 'vitest';
import { extractSignals, isHomePath } from './signals.js';

const page = (body: string, head = '') => `<!doctype html><html lang="es"><head>${head}</head><body>${body}</body></html>`;
const words = (n: number) => Array.from({ length: n }, (_, i) => `palabra${i}`).join(' ');

describe('extractSignals', () => {
  it('reads title, description, first h1, canonical, lang and noindex', () => {
    const html = page('<h1>Zapatillas <em>de</em> trail</h1><h1>Second</h1>',
      '<title> Zapatillas &amp; trail | Tienda </title><meta name="Description" content="Las mejores  zapatillas">'
      + '<link rel="canonical" href="/es/trail"><meta name="robots" content="noindex, follow">');
    expect(extractSignals(html, 'https://shop.example/es/trail?utm_source=x')).toEqual({
      title: 'Zapatillas & trail | Tienda', description: 'Las mejores zapatillas', h1: 'Zapatillas de trail',
      canonical: 'https://shop.example/es/trail', lang: 'es', noindex: true, isHome: false, isForm: false, contentWords: 4,
    });
  });

  it('never treats script or style content as text, and executes nothing', () => {
    const s = extractSignals(page('<script>document.title="hacked"; var h1 = "<h1>x</h1>"</script><h1>Real</h1>', '<title>T</title><style>h1{}</style>'), 'https://a.example/p');
    expect(s.h1).toBe('Real');
    expect(s.title).toBe('T');
  });

  it('tolerates broken HTML: unclosed tags and stray closers', () => {
    const s = extractSignals('<html><head><title>Broken page</title><body><div><h1>Ofertas <b>de otoño</h1></div></span><p>texto <p>más', 'https://a.example/ofertas');
    expect(s).toMatchObject({ title: 'Broken page', h1: 'Ofertas de otoño', contentWords: 5 });
  });

  it('recognises a bare registration form and not a content page that also has one', () => {
    const form = '<form><input type="email" name="email"><input type="password"><button>Crear cuenta</button></form>';
    expect(extractSignals(page(`<h1>Regístrate</h1>${form}`), 'https://a.example/registro').isForm).toBe(true);
    expect(extractSignals(page(`<h1>Trail</h1><p>${words(200)}</p>${form}`), 'https://a.example/trail').isForm).toBe(false);
    // a newsletter box in the footer of a thin page is not a registration form outside a <form>
    expect(extractSignals(page('<h1>x</h1><footer><input type="email"></footer>'), 'https://a.example/x').isForm).toBe(false);
  });

  it('counts a form page\'s words per text node, as the SDK does in the DOM (the schema\'s one rule)', () => {
    const form = '<form data-touchpoint="sign_up"><input name="name"><button>Join</button></form>';
    // An entity does not split a word; inline markup does, like two DOM text nodes.
    expect(extractSignals(page(`<p>caf&eacute; con leche</p>${form}`), 'https://a.example/x')).toMatchObject({ contentWords: 3, isForm: true });
    expect(extractSignals(page('<p>tr<b>ail</b></p>'), 'https://a.example/x').contentWords).toBe(2);
    expect(extractSignals(page(`<p>${words(79)}</p>${form}`), 'https://a.example/x').isForm).toBe(true);
    expect(extractSignals(page(`<p>${words(80)}</p>${form}`), 'https://a.example/x').isForm).toBe(false);
    expect(extractSignals(page(`<aside>${words(200)}</aside><h1>Join</h1><form><input type="PASSWORD"></form>`), 'https://a.example/x').isForm).toBe(true);
  });

  it('flags home pages', () => {
    expect(extractSignals(page('<h1>Hola</h1>'), 'https://a.example/?gclid=1').isHome).toBe(true);
    expect(extractSignals(page('<h1>Hola</h1>'), 'https://a.example/es/trail').isHome).toBe(false);
  });
});

describe('isHomePath', () => {
  it.each([['/', true], ['/index.html', true], ['/es/', true], ['/en-GB', true], ['/es/index.php', true], ['/shop', false], ['/es/trail', false]])('%s → %s', (p, home) => {
    expect(isHomePath(p)).toBe(home);
  });
});
