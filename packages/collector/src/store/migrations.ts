import type { Dialect } from './types';

/**
 * Versioned schema migrations, applied in order at start-up by each store (inside a transaction, under a
 * lock so several collectors starting at once apply each version exactly once). Append only: never edit
 * a migration that has shipped. Each has the SQL for both dialects.
 */
export interface Migration {
  version: number;
  name: string;
  sql: Record<Dialect, string>;
}

const eventColumns = (json: string, big: string, bool: string) => `
  site TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  ts ${big} NOT NULL,
  received_at ${big} NOT NULL,
  anonymous_id TEXT,
  user_id TEXT,
  session_id TEXT,
  phase TEXT,
  p5 TEXT,
  channel TEXT NOT NULL,
  url TEXT,
  path TEXT,
  title TEXT,
  referrer TEXT,
  utm_source TEXT,
  utm_medium TEXT,
  utm_campaign TEXT,
  utm_term TEXT,
  utm_content TEXT,
  click_id_param TEXT,
  browser TEXT,
  os TEXT,
  device TEXT,
  is_bot ${bool} NOT NULL DEFAULT 0,
  ip TEXT,
  data ${json} NOT NULL,
  PRIMARY KEY (site, id)`;

const eventIndexes = `
CREATE INDEX IF NOT EXISTS events_site_ts ON events (site, ts);
CREATE INDEX IF NOT EXISTS events_site_name_ts ON events (site, name, ts);
CREATE INDEX IF NOT EXISTS events_site_session_ts ON events (site, session_id, ts);
CREATE INDEX IF NOT EXISTS events_site_visitor_ts ON events (site, anonymous_id, ts);`;

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'events',
    sql: {
      sqlite: `CREATE TABLE IF NOT EXISTS events (${eventColumns('TEXT', 'INTEGER', 'INTEGER')}) WITHOUT ROWID;${eventIndexes}`,
      postgres: `CREATE TABLE IF NOT EXISTS events (${eventColumns('TEXT', 'BIGINT', 'SMALLINT')});${eventIndexes}`,
    },
  },
];
