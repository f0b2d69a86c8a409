// Finds the words on a dashboard page that are not in its language: every piece of text shown must be a
// message or label of that language, a value from the data, a number, a date or a word of the short
// list that is the same in both (NPS, CSAT, …). A built-in touchpoint or channel id shown raw fails.
import type { Page } from 'playwright-core';
import type { Lang } from '../../../packages/collector/src/dashboard/lang';
import { CHANNEL_LABELS, DEVICE_LABELS, STAGE_LABELS, TOUCHPOINT_LABELS } from '../../../packages/collector/src/dashboard/labels';
import { EN, ES } from '../../../packages/collector/src/dashboard/messages';

/** Words that are the same in English and Spanish. */
export const SAME_IN_BOTH = ['Touchpoint', 'English', 'Español', 'NPS', 'CSAT', 'LCP', 'UTM', '5P'];

const BUILT_IN = new Set([...Object.keys(TOUCHPOINT_LABELS), ...Object.keys(CHANNEL_LABELS), ...Object.keys(DEVICE_LABELS), ...Object.keys(STAGE_LABELS)]);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MONTHS = { en: 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec', es: 'ene|feb|mar|abr|may|jun|jul|ago|sept|oct|nov|dic' };

function known(lang: Lang): { templates: RegExp[]; words: Set<string>; dates: RegExp } {
  const table = lang === 'es' ? ES : EN;
  const templates = Object.values(table).map((m) => new RegExp(`^${escape(m).replace(/\\\{\w+\\\}/g, '(.+?)')}$`, 's'));
  const words = new Set<string>([...SAME_IN_BOTH, ...[TOUCHPOINT_LABELS, CHANNEL_LABELS, DEVICE_LABELS, STAGE_LABELS].flatMap((t) => Object.values(t).map((w) => w[lang]))]);
  const dates = lang === 'es'
    ? new RegExp(`^\\d{1,2} (${MONTHS.es}) \\d{4}(, \\d{1,2}:\\d{2})?$`)
    : new RegExp(`^(${MONTHS.en}) \\d{1,2}, \\d{4}(, \\d{1,2}:\\d{2}( [AP]M)?)?$`);
  return { templates, words, dates };
}

// Fields that hold a touchpoint, channel or stage name: the dashboard must show their label, not the id.
const NAME_FIELDS = new Set(['name', 'key', 'touchpoint', 'channel', 'stage', 'step', 'p5', 'phase']);

/** Every string leaf of a JSON value (the data the page was given); built-in ids in name fields left out. */
export function dataStrings(...values: unknown[]): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, field: string): void => {
    if (typeof v === 'string') { if (!(NAME_FIELDS.has(field) && BUILT_IN.has(v))) out.add(v); }
    else if (Array.isArray(v)) v.forEach((x) => walk(x, field));
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => walk(x, k));
  };
  values.forEach((v) => walk(v, ''));
  return out;
}

/** The text the reader sees: visible text nodes, option labels and the card labels of narrow tables. */
export async function shownStrings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest('select') || !parent.checkVisibility()) continue;
      if (n.textContent?.trim()) out.push(n.textContent);
    }
    document.querySelectorAll('select').forEach((s) => s.checkVisibility() && s.querySelectorAll('option').forEach((o) => out.push(o.textContent ?? '')));
    document.querySelectorAll('[data-label]').forEach((e) => (e as HTMLElement).checkVisibility() && out.push(e.getAttribute('data-label') ?? ''));
    return out;
  });
}

/** The strings among `shown` that are not in `lang` (an empty list when everything is). */
export function untranslated(shown: readonly string[], lang: Lang, data: Set<string>): string[] {
  const { templates, words, dates } = known(lang);
  const ok = (raw: string): boolean => {
    const s = raw.replace(/[\u00a0\u202f]/g, ' ').trim();
    if (!s || !/\p{L}/u.test(s.replace(/[A-Z]{0,3}\$|\b(s|min|h|d)\b/g, ''))) return true;
    return words.has(s) || data.has(s) || data.has(raw.trim()) || dates.test(s) || /^\d{1,2}:\d{2}(:\d{2})?( [AP]M)?$/.test(s) || templates.some((t) => t.test(s));
  };
  return shown.filter((s) => !ok(s) && !s.split(/ · | \/ /).every(ok));
}
