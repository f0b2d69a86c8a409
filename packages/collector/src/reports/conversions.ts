// The conversions attribution credits: sign-ups and purchases (one per order id), with refunds.
import { TOUCHPOINT } from '@touchpoint/schema';
import type { Store } from '../store/types.js';
import { personJoins, personKey } from './people.js';
import { filterSql, jsonNumber, jsonText, parsedEvents, type ReportFilter } from './sql.js';

/**
 * The touchpoint name of a refund: one of the collector's built-in off-site touchpoints, sent by a
 * backend with `properties.order_id` (the refunded order), `value` (the amount; the whole order when
 * absent) and `currency` (the order's when absent).
 */
export const REFUND_NAME = 'refund_issued';

/** The ISO 4217 code for "no currency", used for purchase values sent without one. */
export const NO_CURRENCY = 'XXX';

/** One conversion of a person. */
export interface Conversion {
  person: string;
  kind: 'purchase' | 'sign_up';
  ts: number;
  /** purchases: the order id (null when sent without one) */
  orderId: string | null;
  /** purchases: the order's value (`value`, else `revenue`, else `total`; 0 when none) */
  value: number;
  /** purchases: the upper-cased currency code, {@link NO_CURRENCY} when none */
  currency: string;
  /** purchases: the amount refunded so far (in the order's currency) */
  refunded: number;
}

const currencyOf = (c: unknown) => (typeof c === 'string' && /^[a-z]{3}$/i.test(c.trim()) ? c.trim().toUpperCase() : NO_CURRENCY);

/**
 * The SQL (and parameters) listing, as `person`, the people with a sign-up or purchase in the filter's
 * range: what {@link loadConversions} reads, for restricting another query to those people.
 * @example const { sql, params } = conversionPeople({ site: 'shop' })
 */
export function conversionPeople(filter: ReportFilter): { sql: string; params: unknown[] } {
  const f = filterSql(filter, 'c');
  // The names in the order of the partial index events_report_conversion's WHERE: SQLite uses a partial
  // index only for the same terms.
  return {
    sql: `SELECT DISTINCT ${personKey('c')} AS person FROM events c ${personJoins('c')} WHERE ${f.where} AND c.name IN ('${TOUCHPOINT.signUp}', '${TOUCHPOINT.purchase}')`,
    params: f.params,
  };
}

/**
 * The sign-ups and purchases of the filter's range, per person, with purchases de-duplicated by order
 * id (the earliest touchpoint of an order counts; a thank-you page reloaded sends the order again) and
 * each order's refunds (`refund_issued` with its order id, up to the end of the range, whenever the
 * order was) summed into `refunded`, capped at the order's value. Refunds whose order is not a purchase
 * of the range are counted in `unmatchedRefunds`.
 * @example const { conversions } = await loadConversions(store, { site: 'shop' })
 */
export async function loadConversions(store: Store, filter: ReportFilter): Promise<{ conversions: Conversion[]; unmatchedRefunds: number }> {
  const d = store.dialect;
  const f = filterSql(filter, 'e');
  const refundFilter = filterSql({ ...filter, from: undefined });
  const amount = `COALESCE(${jsonNumber(d, 'properties', 'value')}, ${jsonNumber(d, 'properties', 'revenue')}, ${jsonNumber(d, 'properties', 'total')})`;
  // A sign-up's JSON is never read: the partial index answers the rest, and SQLite then looks up only the
  // purchases' rows.
  const purchaseOnly = (sql: string) => `CASE WHEN e.name = '${TOUCHPOINT.purchase}' THEN ${sql} END`;
  const src = parsedEvents(d, `${f.where} AND e.name IN ('${TOUCHPOINT.signUp}', '${TOUCHPOINT.purchase}')`, `e.name = '${TOUCHPOINT.purchase}'`);
  const [rows, refunds] = await Promise.all([
    // (the names as in conversionPeople: the partial index's terms, in its order)
    store.queryArrays(
      `SELECT ${personKey('e')} AS person, e.name, e.ts, ${purchaseOnly(jsonText(d, 'properties', 'order_id'))}, ${purchaseOnly(amount)},
         ${purchaseOnly(jsonText(d, 'properties', 'currency'))}
       FROM ${src.from} ${personJoins('e')} WHERE ${src.where}
       ORDER BY e.ts, e.id`,
      f.params,
    ),
    store.queryArrays(
      `SELECT ${jsonText(d, 'properties', 'order_id')}, ${amount}, ${jsonText(d, 'properties', 'currency')}
       FROM events WHERE ${refundFilter.where} AND name = '${REFUND_NAME}' ORDER BY ts, id`,
      refundFilter.params,
    ),
  ]);
  const conversions: Conversion[] = [];
  const orders = new Map<string, Conversion>();
  for (const [person, name, ts, orderId, value, currency] of rows as Array<[string | null, string, unknown, string | null, unknown, unknown]>) {
    if (person === null) continue;
    if (name === TOUCHPOINT.signUp) {
      conversions.push({ person, kind: 'sign_up', ts: Number(ts), orderId: null, value: 0, currency: NO_CURRENCY, refunded: 0 });
      continue;
    }
    if (orderId !== null && orders.has(orderId)) continue;
    const v = value === null ? 0 : Number(value);
    const c: Conversion = { person, kind: 'purchase', ts: Number(ts), orderId, value: Number.isFinite(v) ? v : 0, currency: currencyOf(currency), refunded: 0 };
    if (orderId !== null) orders.set(orderId, c);
    conversions.push(c);
  }
  let unmatchedRefunds = 0;
  for (const [orderId, value, currency] of refunds as Array<[string | null, unknown, unknown]>) {
    const order = orderId === null ? undefined : orders.get(orderId);
    // A refund in another currency than its order cannot be subtracted without converting: unmatched.
    if (!order || (currency !== null && currencyOf(currency) !== order.currency)) {
      unmatchedRefunds++;
      continue;
    }
    const v = value === null ? order.value : Number(value);
    order.refunded = Math.min(order.value, order.refunded + (Number.isFinite(v) && v > 0 ? v : 0));
  }
  return { conversions, unmatchedRefunds };
}
