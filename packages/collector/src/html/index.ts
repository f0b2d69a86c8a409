export { extractSignals, isHomePath, FORM_PAGE_MAX_WORDS, type ContentSignals } from './signals.js';
export { decodeHtml, type DecodedPage, type CharsetSource } from './decode.js';
