import { describe, expect, it } from 'vitest';
import { readBlocks } from './blocks.js';

describe('readBlocks', () => {
  it('leaves out navigation, header, footer and aside (elements or ARIA roles), scripts and styles', () => {
    const html = '<header>Shop</header><nav><a>Road bikes</a><a>Mountain bikes</a></nav><div role="navigation">Menu</div>'
      + '<main><h1>Road bikes</h1><p>Carbon <b>frames</b>.</p><script>x()</script></main><aside>Ads</aside><footer>© Shop</footer>';
    expect(readBlocks(html).map((b) => b.text)).toEqual(['Road bikes', 'Carbon frames.']);
  });
  it('fingerprints the same block alike on every page, and an h1 unlike a menu link with the same words', () => {
    const a = readBlocks('<div class="m"><a>Road bikes</a> <a>Mountain bikes</a></div><h1>Road bikes</h1>');
    const b = readBlocks('<div class="m"><a>Road bikes</a> <a>Mountain bikes</a></div><h1>Mountain bikes</h1>');
    expect(a[0]!.hash).toBe(b[0]!.hash);
    expect(a[1]!.hash).not.toBe(b[1]!.hash);
    expect(a[1]!.hash).not.toBe(readBlocks('<p>Road bikes</p>')[0]!.hash);
  });
  it('marks offers: a price, or a button that buys or books', () => {
    const blocks = readBlocks('<p>Desde 1.299 €</p><form><button>Añadir al carrito</button><input type="submit" value="Book now"></form><p>Sin precio</p>');
    expect(blocks.map((b) => [b.text, b.offer, b.zone])).toEqual([['Desde 1.299 €', true, 'main'], ['Añadir al carrito', true, 'form'], ['Book now', true, 'form'], ['Sin precio', false, 'main']]);
  });
});
