// The dashboard page, top to bottom: choose the language, sign in (or open a shared link), then fetch
// every view's report for the filters and render it. Changing language renders again without fetching.
import { ApiError, createApi } from './api.js';
import { byId, el, fill } from './dom.js';
import { isMessageKey } from './i18n.js';
import { asLang } from './lang.js';
import type { BotCount } from './reports.js';
import { chooseLang, filterQuery, readFilters, saveLang, saveSite, type Filters } from './state.js';
import { createUi, type Ui } from './ui.js';
import type { View, ViewEnv } from './view.js';
import { VIEWS } from './views/index.js';

type Status = (ui: Ui) => string;

interface Slot {
  view: View<unknown>;
  section: HTMLElement;
  controls: HTMLElement;
  body: HTMLElement;
  /** what the body shows: the report's data, or why there is none */
  state: { kind: 'data'; data: unknown } | { kind: 'needs' } | { kind: 'error'; message: string } | { kind: 'idle' };
}

const storage = globalThis.localStorage;
const params = new URLSearchParams(location.search);
// A shared link's page: one report of one site, read-only, opened by the token in the URL fragment
// (browsers send the fragment neither to the server nor in a Referer).
const shareToken = location.pathname === '/dashboard/shared' ? location.hash.slice(1) : '';
const linkKey = params.get('token');
if (linkKey) {
  params.delete('token');
  // The key must not stay in the address bar, the history or a bookmark.
  history.replaceState(null, '', location.pathname + (params.toString() ? `?${params}` : ''));
}

let ui = createUi(chooseLang(storage, navigator.languages ?? [navigator.language]));
let filters: Filters = readFilters(params, storage);
let roles: Record<string, string> = {};
let allSites = false;
let status: { text: Status; error: boolean } = { text: () => '', error: false };
let shared: { site: string; expiresAt: number } | null = null;
let principal: { id: string; name: string } | null = null;

const api = createApi({ shareToken: shareToken || undefined, onUnauthorized: () => askToken((u) => u.t('badToken')) });
const main = byId('main');
const slots: Slot[] = VIEWS.map((view) => {
  const controls = el('div', { class: 'controls' });
  const body = el('div', { class: 'body' });
  const section = el('section', { id: view.id, class: 'view', hidden: true }, el('div', { class: 'section-head' }, el('h2', {}), controls), body);
  main.appendChild(section);
  return { view: view as View<unknown>, section, controls, body, state: { kind: 'idle' } };
});

function setStatus(text: Status, error = false): void {
  status = { text, error };
  const node = byId('status');
  node.textContent = text(ui);
  node.className = error ? 'status error' : 'status';
}

const errorText = (err: unknown): Status => (u) => (err instanceof ApiError ? u.t('error', { message: err.message }) : u.t('networkError'));

function envOf(slot: Slot): ViewEnv {
  return {
    ui, filters, api,
    role: shared ? undefined : roles[filters.site],
    reload: () => void loadSlot(slot).then(() => renderSlot(slot)),
    rerender: () => renderSlot(slot),
    replace(data) {
      slot.state = { kind: 'data', data };
      renderSlot(slot);
    },
    status: (message, isError) => setStatus(() => message, isError),
  };
}

function renderSlot(slot: Slot): void {
  const { view, state, section } = slot;
  if (state.kind === 'idle') return;
  const env = envOf(slot);
  section.hidden = false;
  fill(section.querySelector('h2')!, ui.t(view.title));
  fill(slot.controls, ...(view.controls?.(env) ?? []));
  if (state.kind === 'needs') fill(slot.body, el('p', { class: 'empty' }, ui.t(view.needs ?? 'pickSite')));
  else if (state.kind === 'error') fill(slot.body, el('p', { class: 'empty error' }, state.message));
  else fill(slot.body, view.render(state.data, env));
}

/** Fetches one view's report; a 404 (a report this collector does not have) hides the view. */
async function loadSlot(slot: Slot): Promise<void> {
  const url = slot.view.url(filterQuery(filters), filters);
  if (url === null) {
    slot.state = { kind: 'needs' };
    return;
  }
  try {
    slot.state = { kind: 'data', data: await api.get(url) };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404 && !slot.view.keepOn404) {
      slot.state = { kind: 'idle' };
      slot.section.hidden = true;
      return;
    }
    if (err instanceof ApiError && err.status === 401) throw err;
    slot.state = { kind: 'error', message: errorText(err)(ui) };
  }
}

function renderBots(): void {
  const counts = slots.flatMap((s) => (s.state.kind === 'data' ? [(s.state.data as BotCount).botTouchpoints] : [])).filter((n): n is number => typeof n === 'number');
  const hidden = Math.max(0, ...counts);
  const line = byId('bots');
  line.hidden = shared !== null || !counts.length || (!filters.bots && hidden === 0);
  byId('bots-text').textContent = filters.bots ? ui.t('botsIncluded') : ui.t('botsHidden', { n: ui.fmt.number(hidden) }, hidden);
  byId('bots-toggle').textContent = filters.bots ? ui.t('hideBots') : ui.t('includeBots');
}

function renderAll(): void {
  for (const slot of slots) renderSlot(slot);
  renderBots();
  const note = byId('shared-note');
  if (shared) {
    note.hidden = false;
    note.textContent = ui.t('sharedNote', { site: shared.site, date: ui.fmt.date(shared.expiresAt) });
  }
}

function applyLanguage(): void {
  document.documentElement.lang = ui.lang;
  byId<HTMLSelectElement>('lang').value = ui.lang;
  document.querySelectorAll('[data-i18n]').forEach((node) => {
    const key = node.getAttribute('data-i18n') ?? '';
    if (isMessageKey(key)) node.textContent = ui.t(key);
  });
  const all = byId<HTMLSelectElement>('site').options[0];
  if (all && all.value === '') all.textContent = ui.t('allSites');
  setStatus(status.text, status.error);
  renderWho();
  renderAll();
}

function askToken(message: Status): void {
  main.hidden = true;
  byId('filters').hidden = true;
  byId('bots').hidden = true;
  byId('sign-out').hidden = true;
  principal = null;
  renderWho();
  byId('token-form').hidden = false;
  setStatus(message, true);
  byId('token').focus();
}

// The admin token is no person: its name is shown in the reader's language.
function renderWho(): void {
  byId('who').textContent = principal ? (principal.id === 'admin-token' ? ui.t('adminToken') : principal.name) : '';
}

function signedIn(body: { csrf?: string; principal: { id: string; name: string } }): void {
  api.setCsrf(body.csrf ?? '');
  principal = body.principal;
  renderWho();
  byId('sign-out').hidden = false;
  byId('token-form').hidden = true;
  byId('filters').hidden = false;
}

async function signIn(key: string): Promise<boolean> {
  const res = await fetch('/api/session', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });
  if (!res.ok) {
    const wait = res.headers.get('retry-after') ?? '60';
    askToken(res.status === 429 ? (u) => u.t('throttled', { s: wait }) : (u) => u.t('badToken'));
    return false;
  }
  signedIn(await res.json());
  return true;
}

async function currentSession(): Promise<boolean> {
  const res = await fetch('/api/session', { credentials: 'same-origin' });
  if (!res.ok) return false;
  signedIn(await res.json());
  return true;
}

async function loadSites(): Promise<void> {
  const body = await api.get<{ sites: string[]; allSites: boolean; roles?: Record<string, string> }>('/api/sites');
  roles = body.roles ?? {};
  allSites = body.allSites;
  const select = byId<HTMLSelectElement>('site');
  // "All sites" only for a key that reaches every site: the others must choose theirs.
  fill(select, allSites ? el('option', { value: '' }, ui.t('allSites')) : null, ...body.sites.map((s) => el('option', { value: s }, s)));
  if (filters.site && body.sites.includes(filters.site)) select.value = filters.site;
  else if (!allSites && body.sites[0]) select.value = body.sites[0];
  else select.value = '';
  filters = { ...filters, site: select.value };
}

function readForm(): void {
  filters = { ...filters, site: shareToken ? '' : byId<HTMLSelectElement>('site').value, from: byId<HTMLInputElement>('from').value, to: byId<HTMLInputElement>('to').value };
}

async function load(): Promise<void> {
  setStatus((u) => u.t('loading'));
  readForm();
  if (!shareToken) saveSite(storage, filters.site);
  try {
    if (shareToken) await loadShared();
    else await Promise.all(slots.map(loadSlot));
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) setStatus(errorText(err), true);
    return;
  }
  main.hidden = false;
  renderAll();
  const failed = slots.find((s) => s.state.kind === 'error');
  const at = Date.now();
  if (failed && failed.state.kind === 'error') setStatus(() => (failed.state as { message: string }).message, true);
  else setStatus((u) => u.t('updated', { time: u.fmt.time(at) }));
}

async function loadShared(): Promise<void> {
  const q = filterQuery({ ...filters, site: '' });
  let body: { site: string; report: string; expiresAt: number; data: unknown };
  try {
    body = await api.get(`/api/shared/report?${q}`);
  } catch {
    main.hidden = true;
    throw new ApiError(401, 'link gone');
  }
  shared = { site: body.site, expiresAt: body.expiresAt };
  for (const slot of slots) slot.state = slot.view.id === body.report ? { kind: 'data', data: body.data } : { kind: 'idle' };
  for (const slot of slots) slot.section.hidden = slot.view.id !== body.report;
}

function start(): void {
  byId<HTMLInputElement>('from').value = filters.from;
  byId<HTMLInputElement>('to').value = filters.to;
  applyLanguage();
  byId<HTMLSelectElement>('lang').addEventListener('change', (e) => {
    const lang = asLang((e.target as HTMLSelectElement).value) ?? 'en';
    saveLang(storage, lang);
    ui = createUi(lang);
    applyLanguage();
  });
  byId('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  byId('bots-toggle').addEventListener('click', () => {
    filters = { ...filters, bots: !filters.bots };
    void load();
  });
  byId('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = byId<HTMLInputElement>('token');
    const key = input.value;
    input.value = '';
    void signIn(key).then((ok) => (ok ? loadSites().then(load) : undefined)).catch((err: unknown) => setStatus(errorText(err), true));
  });
  byId('sign-out').addEventListener('click', () => {
    api.send('DELETE', '/api/session').then(() => askToken((u) => u.t('signedOut')), (err: unknown) => {
      if (!(err instanceof ApiError && err.status === 401)) setStatus(errorText(err), true);
    });
  });
  if (shareToken) {
    byId('site-field').hidden = true;
    byId('filters').hidden = false;
    void load().then(() => {
      if (!shared) setStatus((u) => u.t('linkGone'), true);
    });
    return;
  }
  (linkKey ? signIn(linkKey) : currentSession())
    .then((ok) => (ok ? loadSites().then(load) : linkKey ? undefined : askToken((u) => u.t('needToken'))))
    .catch((err: unknown) => {
      if (!(err instanceof ApiError && err.status === 401)) setStatus(errorText(err), true);
    });
}

start();
