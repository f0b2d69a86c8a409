// The rules for what an ad landing page is — the site's home page (`AdLandingProperties.is_home`), only a
// registration form (`is_form`) — shared by the browser SDK (which reads the live DOM) and the collector's
// ad checker (which parses the HTML it fetched), so the Ad landings table and the ad checks cannot
// disagree about the same page.

/**
 * True for a site's home page: `/`, `/index.html` (or .htm/.php), or a bare language root such as `/es/`
 * or `/en-GB`.
 * @example isHomePath('/es/') // true
 */
export const isHomePath = (path: string): boolean => /^\/(?:[a-z]{2}(?:[-_][a-z]{2})?\/?)?(?:index\.(?:html?|php))?$/i.test(path);

/**
 * Elements whose text is not page content for the form rule: the form itself, the site's chrome around
 * the content (a registration page with a big footer is still a bare form), and text never shown; a
 * comma-separated list, as a CSS selector.
 */
export const FORM_PAGE_SKIPPED_TAGS = 'form,nav,header,footer,aside,script,style,noscript,template,svg';

/** Below this many words of content (text outside {@link FORM_PAGE_SKIPPED_TAGS}), a page with an account form is "only a form". */
export const FORM_PAGE_MAX_WORDS = 80;

/**
 * True for an input that asks for an account: `type="password"` or `type="email"` (case is ignored).
 * @param type the input's `type` attribute, as written
 * @example isAccountField('Email') // true
 */
export const isAccountField = (type: string | null | undefined): boolean => /^(password|email)$/i.test(`${type}`);

/**
 * Words in a run of text, split on white space.
 * @example countWords(' Create  your account ') // 3
 */
export const countWords = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/**
 * The rule: a page is only a registration form when one of its forms has an input that asks for an account
 * ({@link isAccountField}) or is tagged `data-touchpoint="sign_up"`, and the page has fewer than
 * {@link FORM_PAGE_MAX_WORDS} words of text outside {@link FORM_PAGE_SKIPPED_TAGS} (each text node
 * counted with {@link countWords}).
 * @param hasAccountForm a form on the page asks for an account
 * @param contentWords words of text outside the skipped elements
 * @example isFormPage(true, 12) // true: a sign-up form and a heading
 */
export const isFormPage = (hasAccountForm: boolean, contentWords: number): boolean => hasAccountForm && contentWords < FORM_PAGE_MAX_WORDS;
