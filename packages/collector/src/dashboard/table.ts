// A table that becomes a list of cards on a narrow screen: each cell carries its column's name
// (data-label), which style.css shows beside the value when the header row is hidden.
import { el, type Child } from './dom.js';
import type { MessageKey } from './messages.js';
import type { Ui } from './ui.js';

/** One column: its header, the cell of a row, and how the cell is shown. */
export interface Column<R> {
  label: MessageKey;
  /** a heading already in words (a stage's name), instead of `label`'s message */
  heading?: string;
  value(row: R): Child;
  /** right-aligned, tabular figures */
  num?: boolean;
  /** extra class of the cell */
  className?(row: R): string;
  /** the card's heading on a narrow screen (the first such column) */
  key?: boolean;
}

/** An empty state: what the reader sees when there are no rows, and what to do next. */
export function empty(message: string): HTMLElement {
  return el('p', { class: 'empty' }, message);
}

/**
 * The rows as a table (cards below the `wide` breakpoint for tables of many columns), or `emptyText` when there are none.
 * @example table(ui, [{ label: 'channel', value: (r) => ui.channel(r.channel), key: true }], rows, ui.t('journeyEmpty'))
 */
export function table<R>(ui: Ui, columns: Array<Column<R>>, rows: readonly R[], emptyText: string, options: { wide?: boolean; id?: string } = {}): HTMLElement {
  if (!rows.length) return empty(emptyText);
  const head = el('tr', {}, ...columns.map((c) => el('th', { class: c.num ? 'num' : undefined, scope: 'col' }, c.heading ?? ui.t(c.label))));
  const body = el('tbody');
  for (const row of rows) {
    const tr = el('tr');
    for (const c of columns) {
      const cls = [c.num ? 'num' : '', c.key ? 'key' : '', c.className?.(row) ?? ''].filter(Boolean).join(' ');
      tr.appendChild(el('td', { class: cls || undefined, 'data-label': c.heading ?? ui.t(c.label) }, c.value(row)));
    }
    body.appendChild(tr);
  }
  return el('table', { class: options.wide ? 'rt wide' : 'rt', id: options.id }, el('thead', {}, head), body);
}
