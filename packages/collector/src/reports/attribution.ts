import type { Store } from '../store/types.js';
import { botTouchpoints } from './bots.js';
import { conversionPeople, loadConversions, type Conversion } from './conversions.js';
import type { ReportFilter } from './sql.js';
import { loadTouches, type Touch } from './touches.js';

/**
 * How a conversion's credit is shared among the person's arrivals in the lookback window:
 * - `last_non_direct` (default, the rule of GA4's acquisition reports): all to the last non-direct arrival
 *   at or before the conversion;
 * - `first_touch`: all to the first non-direct arrival in the window;
 * - `linear`: an equal fraction to each non-direct arrival in the window.
 * With no non-direct arrival in the window, the whole credit goes to `direct`.
 */
export const ATTRIBUTION_MODELS = ['last_non_direct', 'first_touch', 'linear'] as const;
/** One of {@link ATTRIBUTION_MODELS}. */
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

/** What attribution rows are grouped by: channel, `utm_campaign`, `utm_content` (the ad) or landing path. */
export const ATTRIBUTION_GROUPS = ['channel', 'campaign', 'ad', 'landing'] as const;
/** One of {@link ATTRIBUTION_GROUPS}. */
export type AttributionGroup = (typeof ATTRIBUTION_GROUPS)[number];

/** The default lookback window, in days. */
export const DEFAULT_LOOKBACK_DAYS = 30;

/** Revenue in one currency (never converted). Counts are fractional under the `linear` model. */
export interface CurrencyRevenue {
  /** ISO 4217 code, upper case (`XXX` for purchase values sent without one) */
  currency: string;
  /** orders credited */
  orders: number;
  /** sum of the orders' values */
  gross: number;
  /** refunded (`refund_issued` of those orders), as a positive amount */
  refunds: number;
  /** gross − refunds */
  net: number;
  /** net / orders; null without orders */
  averageOrderValue: number | null;
}

/** Conversions and revenue credited to one group. */
export interface AttributionRow {
  /** the channel, campaign, ad or landing path; null for arrivals without one (and for `direct` outside `by: 'channel'`) */
  key: string | null;
  /** sign-ups credited */
  signUps: number;
  /** purchases (orders) credited, all currencies */
  purchases: number;
  /** per currency, largest net first */
  revenue: CurrencyRevenue[];
}

/** Options of {@link attributionReport}. */
export interface AttributionOptions {
  /** default `last_non_direct` */
  model?: AttributionModel;
  /** days before a conversion whose arrivals may be credited (default 30) */
  lookbackDays?: number;
  /** default `channel` */
  by?: AttributionGroup;
}

/** The attribution report. */
export interface AttributionReport {
  filter: ReportFilter;
  model: AttributionModel;
  lookbackDays: number;
  by: AttributionGroup;
  /** the totals (not credited: every conversion of the range once) */
  totals: Omit<AttributionRow, 'key'>;
  /** most purchases first, then most sign-ups */
  rows: AttributionRow[];
  /** refunds in the range whose order is not a purchase of the range (or in another currency): not subtracted */
  unmatchedRefunds: number;
  /** touchpoints of the range hidden as bots (counted even with `includeBots`) */
  botTouchpoints: number;
}

const DAY = 86_400_000;
const DIRECT: Touch = { ts: 0, channel: 'direct', campaign: null, ad: null, landing: null };
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** The arrivals a conversion credits and each one's share, under a model. */
export function creditedTouches(touches: readonly Touch[], at: number, lookbackMs: number, model: AttributionModel): Array<[Touch, number]> {
  const inWindow = touches.filter((t) => t.ts <= at && t.ts >= at - lookbackMs);
  if (inWindow.length === 0) return [[DIRECT, 1]];
  if (model === 'first_touch') return [[inWindow[0]!, 1]];
  if (model === 'last_non_direct') return [[inWindow[inWindow.length - 1]!, 1]];
  return inWindow.map((t) => [t, 1 / inWindow.length]);
}

const keyOf = (t: Touch, by: AttributionGroup): string | null => (by === 'channel' ? t.channel : by === 'campaign' ? t.campaign : by === 'ad' ? t.ad : t.landing);

interface Acc { signUps: number; purchases: number; money: Map<string, { orders: number; gross: number; refunds: number }> }
const acc = (): Acc => ({ signUps: 0, purchases: 0, money: new Map() });
function add(a: Acc, c: Conversion, share: number): void {
  if (c.kind === 'sign_up') return void (a.signUps += share);
  a.purchases += share;
  const m = a.money.get(c.currency) ?? { orders: 0, gross: 0, refunds: 0 };
  m.orders += share;
  m.gross += share * c.value;
  m.refunds += share * c.refunded;
  a.money.set(c.currency, m);
}
const finish = (a: Acc): Omit<AttributionRow, 'key'> => ({
  signUps: round(a.signUps),
  purchases: round(a.purchases),
  revenue: [...a.money].map(([currency, m]) => ({
    currency, orders: round(m.orders), gross: round(m.gross), refunds: round(m.refunds), net: round(m.gross - m.refunds),
    averageOrderValue: m.orders > 0 ? round((m.gross - m.refunds) / m.orders) : null,
  })).sort((x, y) => y.net - x.net || x.currency.localeCompare(y.currency)),
});

/**
 * Sign-ups and purchases of the range, with revenue per currency (refunds subtracted, purchases counted
 * once per order id), credited to channels, campaigns, ads or landing pages by an attribution model over
 * each person's arrivals (on every device of the person) in a lookback window before the conversion —
 * the window may reach before the range. See docs/attribution.md.
 * @example const { rows } = await attributionReport(store, { site: 'shop' }, { model: 'linear', by: 'campaign' })
 */
export async function attributionReport(store: Store, filter: ReportFilter, options: AttributionOptions = {}): Promise<AttributionReport> {
  const model = options.model ?? 'last_non_direct';
  const lookbackDays = options.lookbackDays ?? DEFAULT_LOOKBACK_DAYS;
  const by = options.by ?? 'channel';
  if (!ATTRIBUTION_MODELS.includes(model)) throw new Error(`unknown attribution model "${model}"`);
  if (!ATTRIBUTION_GROUPS.includes(by)) throw new Error(`unknown attribution group "${by}"`);
  if (!(lookbackDays > 0)) throw new Error('lookbackDays: must be more than 0');
  const lookbackMs = lookbackDays * DAY;
  const touchFilter = { ...filter, from: filter.from === undefined ? undefined : filter.from - lookbackMs };
  const [{ conversions, unmatchedRefunds }, touches, bots] = await Promise.all([
    loadConversions(store, filter),
    // Only the arrivals of people who converted in the range are ever credited.
    loadTouches(store, touchFilter, conversionPeople(filter)),
    botTouchpoints(store, filter),
  ]);
  const total = acc();
  const groups = new Map<string | null, Acc>();
  for (const c of conversions) {
    add(total, c, 1);
    for (const [touch, share] of creditedTouches(touches.get(c.person) ?? [], c.ts, lookbackMs, model)) {
      const key = keyOf(touch, by);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = acc()));
      add(g, c, share);
    }
  }
  const rows = [...groups].map(([key, a]) => ({ key, ...finish(a) }))
    .sort((a, b) => b.purchases - a.purchases || b.signUps - a.signUps || (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key)));
  return { filter, model, lookbackDays, by, totals: finish(total), rows, unmatchedRefunds, botTouchpoints: bots };
}
