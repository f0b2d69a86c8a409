import type { StoredEvent } from './types.js';

/**
 * The `events` columns in insert order, paired with the `StoredEvent` field each holds. Shared by the
 * stores so a new column is added in one place (and in a migration).
 */
export const EVENT_COLUMNS = [
  ['site', 'site'],
  ['id', 'id'],
  ['name', 'name'],
  ['ts', 'ts'],
  ['received_at', 'receivedAt'],
  ['anonymous_id', 'anonymousId'],
  ['user_id', 'userId'],
  ['session_id', 'sessionId'],
  ['phase', 'phase'],
  ['p5', 'p5'],
  ['channel', 'channel'],
  ['url', 'url'],
  ['path', 'path'],
  ['title', 'title'],
  ['referrer', 'referrer'],
  ['utm_source', 'utmSource'],
  ['utm_medium', 'utmMedium'],
  ['utm_campaign', 'utmCampaign'],
  ['utm_term', 'utmTerm'],
  ['utm_content', 'utmContent'],
  ['click_id_param', 'clickIdParam'],
  ['browser', 'browser'],
  ['os', 'os'],
  ['device', 'device'],
  ['is_bot', 'isBot'],
  ['ip', 'ip'],
  ['data', 'data'],
  ['metric', 'metric'],
  ['value', 'value'],
] as const satisfies ReadonlyArray<readonly [string, keyof StoredEvent]>;

/** The column values of one event, in {@link EVENT_COLUMNS} order (booleans as 0/1, absent as null). */
export function eventValues(e: StoredEvent): unknown[] {
  return EVENT_COLUMNS.map(([, field]) => (field === 'isBot' ? (e.isBot ? 1 : 0) : e[field] ?? null));
}

/** Appends the column values of one event to `params` (multi-row inserts). */
export function pushValues(params: unknown[], e: StoredEvent): void {
  for (const [, field] of EVENT_COLUMNS) params.push(field === 'isBot' ? (e.isBot ? 1 : 0) : e[field] ?? null);
}

/** Builds a `StoredEvent` from a row read back with snake_case columns. */
export function eventFromRow(row: Record<string, unknown>): StoredEvent {
  const e = {} as Record<string, unknown>;
  for (const [column, field] of EVENT_COLUMNS) e[field] = row[column] ?? null;
  e.ts = Number(e.ts);
  e.receivedAt = Number(e.receivedAt);
  e.isBot = Number(e.isBot) === 1;
  return e as unknown as StoredEvent;
}
