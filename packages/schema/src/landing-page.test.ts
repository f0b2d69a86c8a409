import { describe, expect, it } from 'vitest';
import { countWords, FORM_PAGE_MAX_WORDS, FORM_PAGE_SKIPPED_TAGS, isAccountField, isFormPage, isHomePath } from './landing-page.js';

describe('the landing-page rules the SDK and the ad checker share', () => {
  it('knows a home page, language roots included', () => {
    for (const p of ['/', '/index.html', '/index.htm', '/index.php', '/es/', '/es', '/pt-br/', '/en-GB', '/pt_BR']) expect(isHomePath(p), p).toBe(true);
    for (const p of ['/shoes', '/es/zapatillas', '/index.html/x', '/spa/', '/home']) expect(isHomePath(p), p).toBe(false);
  });

  it('knows an input that asks for an account by its type alone', () => {
    for (const t of ['password', 'email', 'EMAIL', 'Password']) expect(isAccountField(t), t).toBe(true);
    for (const t of [null, undefined, '', 'text', 'search', 'emails', 'tel']) expect(isAccountField(t), String(t)).toBe(false);
  });

  it('counts words on white space, as each side counts a text node', () => {
    expect(countWords('  Create\n your\taccount ')).toBe(3);
    expect(countWords(' \n ')).toBe(0);
  });

  it('calls a page only a form below 80 words of content, and only with an account form', () => {
    expect(FORM_PAGE_MAX_WORDS).toBe(80);
    expect(isFormPage(true, 0)).toBe(true);
    expect(isFormPage(true, 79)).toBe(true);
    expect(isFormPage(true, 80)).toBe(false);
    expect(isFormPage(false, 0)).toBe(false);
    expect(FORM_PAGE_SKIPPED_TAGS.split(',')).toEqual(['form', 'nav', 'header', 'footer', 'aside', 'script', 'style', 'noscript', 'template', 'svg']);
  });
});
