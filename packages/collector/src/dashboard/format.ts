// Numbers, shares, durations, money and dates as a reader of each language expects them (Intl).
import type { Lang } from './lang.js';

/** The formatters of one language. A missing value (null/undefined) is shown as "—". */
export interface Format {
  number(n: number | null | undefined): string;
  /** a share 0–1 as a whole percentage: 0.4 → "40%" (en), "40 %" (es) */
  percent(x: number | null | undefined): string;
  /** milliseconds in the largest fitting unit: 4000 → "4.0 s", 90 000 → "1.5 min" */
  duration(ms: number | null | undefined): string;
  /** an amount of one currency, never converted: (129, 'EUR') → "€129.00" (en), "129,00 €" (es) */
  money(amount: number, currency: string): string;
  /** a day: ms since epoch or an ISO date "2026-01-05" */
  date(at: number | string): string;
  /** a time of day */
  time(at: number): string;
  /** a day and time */
  dateTime(at: number): string;
}

const DASH = '—';
const missing = (x: number | null | undefined): x is null | undefined => x === null || x === undefined || Number.isNaN(x);

/**
 * The formatters for `lang`.
 * @example createFormat('es').percent(0.25) // '25 %'
 */
export function createFormat(lang: Lang): Format {
  const whole = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const oneDecimal = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const twoDecimals = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  const day = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const dayLocal = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric' });
  const clock = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const stamp = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const currencies = new Map<string, Intl.NumberFormat>();
  const unit = (value: number, digits: Intl.NumberFormat, name: string) => `${digits.format(value)} ${name}`;
  return {
    number: (n) => (missing(n) ? DASH : numbers.format(n)),
    percent: (x) => (missing(x) ? DASH : percent.format(x)),
    duration(ms) {
      if (missing(ms)) return DASH;
      if (ms < 60_000) return unit(ms / 1000, ms < 10_000 ? oneDecimal : whole, 's');
      if (ms < 3_600_000) return unit(ms / 60_000, ms < 600_000 ? oneDecimal : whole, 'min');
      if (ms < 172_800_000) return unit(ms / 3_600_000, oneDecimal, 'h');
      return unit(ms / 86_400_000, oneDecimal, 'd');
    },
    money(amount, currency) {
      let f = currencies.get(currency);
      if (!f) {
        try {
          f = new Intl.NumberFormat(lang, { style: 'currency', currency });
        } catch {
          return `${twoDecimals.format(amount)} ${currency}`; // not an ISO 4217 code: shown as given
        }
        currencies.set(currency, f);
      }
      return f.format(amount);
    },
    // An ISO day is a calendar day, shown as such in every time zone; an instant is shown in the reader's.
    date: (at) => (typeof at === 'string' ? day.format(new Date(`${at.slice(0, 10)}T00:00:00Z`)) : dayLocal.format(new Date(at))),
    time: (at) => clock.format(new Date(at)),
    dateTime: (at) => stamp.format(new Date(at)),
  };
}
