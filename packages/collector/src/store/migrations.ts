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

// Version 2: the ad catalogue the marketer registers (headline, keywords, landing URL per ad) and the
// history of landing-page checks run against it. Keywords and check problems are JSON arrays as text.
const adTables = (big: string, bool: string) => `
CREATE TABLE IF NOT EXISTS ad_catalogue (
  site TEXT NOT NULL,
  ad_id TEXT NOT NULL,
  source TEXT,
  medium TEXT,
  campaign TEXT,
  term TEXT,
  content TEXT,
  headline TEXT,
  keywords TEXT NOT NULL,
  landing_url TEXT,
  updated_at ${big} NOT NULL,
  PRIMARY KEY (site, ad_id)
);
CREATE TABLE IF NOT EXISTS ad_checks (
  site TEXT NOT NULL,
  ad_id TEXT NOT NULL,
  checked_at ${big} NOT NULL,
  landing_url TEXT NOT NULL,
  final_url TEXT,
  status INTEGER,
  ok ${bool} NOT NULL,
  score INTEGER,
  total_ms INTEGER,
  problems TEXT NOT NULL,
  result TEXT NOT NULL,
  PRIMARY KEY (site, ad_id, checked_at)
);
CREATE INDEX IF NOT EXISTS ad_checks_site_checked ON ad_checks (site, checked_at);`;

MIGRATIONS.push({
  version: 2,
  name: 'ad catalogue and landing-page checks',
  sql: { sqlite: adTables('INTEGER', 'INTEGER'), postgres: adTables('BIGINT', 'SMALLINT') },
});

// Version 3: covering indexes for the reports, so a report over a million touchpoints reads compact
// index entries in the order it groups by instead of looking up every row (measured by
// scripts/bench-reports.mjs: journey 14 s → ~1 s). The LCP index is partial (web_vitals only) and on the
// JSON expressions the ads report sorts by; the landing and conversion indexes are partial too.
const reportIndexes = (metric: string, value: string) => `
CREATE INDEX IF NOT EXISTS events_report_visitor ON events (site, anonymous_id, phase, p5, channel, ts, is_bot, user_id, session_id);
CREATE INDEX IF NOT EXISTS events_report_name ON events (site, name, phase, p5, session_id, ts, is_bot);
CREATE INDEX IF NOT EXISTS events_report_session ON events (site, session_id, ts, phase, name, path, is_bot);
CREATE INDEX IF NOT EXISTS events_report_landing ON events (site, name, ts, is_bot, utm_source, utm_medium, utm_campaign, utm_term, utm_content, path, session_id, anonymous_id, user_id, id, title) WHERE name = 'ad_landing';
CREATE INDEX IF NOT EXISTS events_report_conversion ON events (site, name, ts, is_bot, anonymous_id, user_id, session_id) WHERE name IN ('sign_up', 'purchase');
CREATE INDEX IF NOT EXISTS events_report_vitals ON events (site, name, path, (${metric}), (${value}), ts, is_bot) WHERE name = 'web_vitals';`;

MIGRATIONS.push({
  version: 3,
  name: 'report indexes',
  sql: {
    sqlite: reportIndexes(`json_extract(data, '$.properties.metric')`, `json_extract(data, '$.properties.value')`),
    postgres: reportIndexes(`data::jsonb #>> '{properties,metric}'`, `(data::jsonb #>> '{properties,value}')::double precision`),
  },
});

// Version 4: fewer b-trees per insert on SQLite. Every index costs each stored event a b-tree insert
// (measured: ~10–15 µs of CPU per row each, the largest share of ingestion cost). Since migration 3 these
// three are unused: (site, session_id, ts) is a prefix of events_report_session, which the planner uses
// in its place; no query looks events up by (site, name, ts) or (site, anonymous_id, ts) — the reports
// read the covering indexes of migration 3, export reads (site, ts). PostgreSQL keeps them: its writes
// are measured and sized separately (scripts/bench-scale-out.mjs) and its store test lists them.
MIGRATIONS.push({
  version: 4,
  name: 'drop indexes the report indexes made redundant (SQLite)',
  sql: {
    sqlite: `
DROP INDEX IF EXISTS events_site_session_ts;
DROP INDEX IF EXISTS events_site_name_ts;
DROP INDEX IF EXISTS events_site_visitor_ts;`,
    postgres: 'SELECT 1',
  },
});

// Version 5: the same three redundant indexes on PostgreSQL. There, too, every index is a b-tree insert
// per stored event on the database server's CPU, which on a small machine shares cores with the
// collectors; no query reads them since migration 3 (the report indexes cover their prefixes).
MIGRATIONS.push({
  version: 5,
  name: 'drop indexes the report indexes made redundant (PostgreSQL)',
  sql: {
    sqlite: 'SELECT 1',
    postgres: `
DROP INDEX IF EXISTS events_site_session_ts;
DROP INDEX IF EXISTS events_site_name_ts;
DROP INDEX IF EXISTS events_site_visitor_ts;`,
  },
});
