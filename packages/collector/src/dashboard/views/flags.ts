// Flags and problems as chips, in the reader's language.
import { el } from '../dom.js';
import { problemText, type Coded, type ProblemContext } from '../problems.js';
import type { Ui } from '../ui.js';

/** The list of flags as chips; `none` when there are none. */
export function chips(list: readonly Coded[], ui: Ui, ctx: ProblemContext = {}): HTMLElement {
  if (!list.length) return el('span', { class: 'ok' }, ui.t('none'));
  return el('span', { class: 'chips' }, ...list.map((f) => el('span', { class: 'flag', 'data-code': f.code }, problemText(f, ui, ctx))));
}
