// What a view of the dashboard is: a section fed by one report. main.ts fetches each view's report,
// hides the view when its endpoint does not exist on this collector (404), and renders it again in the
// other language without fetching.
import type { Api } from './api.js';
import type { MessageKey } from './messages.js';
import type { Filters } from './state.js';
import type { Ui } from './ui.js';

/** What a view is given to render and to act. */
export interface ViewEnv {
  ui: Ui;
  filters: Filters;
  /** the reader's role on the chosen site (`admin`, `viewer`), undefined for all sites or a shared link */
  role: string | undefined;
  api: Api;
  /** fetches this view's report again (after a control of its own changed) */
  reload(): void;
  /** renders this view again from the data it has */
  rerender(): void;
  /** replaces this view's data (e.g. after "Check now") and renders it */
  replace(data: unknown): void;
  status(message: string, isError?: boolean): void;
}

/** One section of the dashboard. */
export interface View<T = unknown> {
  /** the section's id, and the report's name for shared links */
  id: string;
  title: MessageKey;
  /** the report's URL for `query` (site, from, to, bots); null when the view needs a choice first */
  url(query: URLSearchParams, filters: Filters): string | null;
  /** a 404 is shown as an error instead of hiding the view (a report asked for by the reader, e.g. one person's) */
  keepOn404?: boolean;
  /** shown instead of the report when `url` gave null */
  needs?: MessageKey;
  /** controls in the section's heading (re-created on every render) */
  controls?(env: ViewEnv): Node[];
  render(data: T, env: ViewEnv): Node;
}

/** A view of reports `T` (for type inference in the view modules). */
export function defineView<T>(view: View<T>): View<T> {
  return view;
}
