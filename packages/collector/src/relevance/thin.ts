/** A page with fewer words of main content than this, and no offer, is thin. */
export const THIN_MAX_WORDS = 40;

// A price ("1.299 €", "€69", "£89", "19 EUR") or a button that buys or books.
const PRICE = /(?:[€$£]\s?\d)|(?:\d(?:[.,]\d+)*\s?(?:€|eur\b|euros?\b|usd\b|gbp\b))/i;
const BUY = /\b(?:añadir al carrito|añadir a la cesta|comprar|reservar|contratar|add to (?:cart|basket|bag)|buy|book(?: now)?|order now|reserve)\b/i;

/** True when a block of text names a price. */
export const hasPrice = (text: string) => PRICE.test(text);
/** True when a button's text buys or books. */
export const isBuyButton = (text: string) => BUY.test(text);

/**
 * Whether a landing page is thin: fewer than {@link THIN_MAX_WORDS} words of main content (outside the
 * navigation, header, footer, aside, forms and the site's repeated blocks) and no offer (no price and no
 * buy or book button). A bare registration form is reported as such, not as thin.
 * @example isThin({ mainWords: 4, hasOffer: false, isForm: false }) // true
 */
export function isThin(page: { mainWords?: number; hasOffer?: boolean; isForm?: boolean }): boolean {
  return page.mainWords !== undefined && page.mainWords < THIN_MAX_WORDS && !page.hasOffer && !page.isForm;
}
