import type { Dialect } from './types.js';

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

// Version 6: the journey's rollup, kept by the database itself. The journey report needs, per visitor
// and channel, the first arrival and the touchpoints in each stage: read from every event (1M index
// entries at 1M touchpoints, ~0.55 s of CPU before any JS), it was most of the report's time. One row
// per site × visitor × channel × UTC day holds the same for all 8 stage slots (the 3 phases, then the 5
// P5 stages: `f<i>` the first arrival, `n<i>` the touchpoints), ~8× fewer rows than events, in the
// order the report groups by; it reads whole days here and only the partial days at the ends of its
// range from `events`. A trigger fills it on every inserted (not de-duplicated) journey touchpoint of a
// non-bot, whoever writes — collector, loader, CLI — in the same transaction as the event. It replaces
// `events_report_visitor`, which served only this query, so an insert still updates as many b-trees.
// `visitor` is the report's visitor: the anonymous id, else the user id, else the session id.
// Written out rather than derived from the schema's stage lists: a shipped migration never changes.
// (A test keeps them equal to PHASES then P5_STAGES.)
export const JOURNEY_SLOTS = [
  ['phase', 'before'], ['phase', 'during'], ['phase', 'after'],
  ['p5', 'pre_touch'], ['p5', 'first_touch'], ['p5', 'pivotal'], ['p5', 'prime'], ['p5', 'post'],
] as const;
const journeyDaysTable = (big: string) => `
CREATE TABLE IF NOT EXISTS journey_days (
  site TEXT NOT NULL,
  visitor TEXT NOT NULL,
  channel TEXT NOT NULL,
  day INTEGER NOT NULL,
  first_ts ${big} NOT NULL,
  ${JOURNEY_SLOTS.map((_, i) => `f${i} ${big}, n${i} INTEGER NOT NULL DEFAULT 0`).join(',\n  ')},
  PRIMARY KEY (site, visitor, channel, day)
)`;
const VISITOR_OF = (e: string) => `COALESCE(${e}anonymous_id, ${e}user_id, ${e}session_id)`;
const JOURNEY_FILTER = (e: string) => `${e}is_bot = 0 AND ${e}phase IS NOT NULL AND ${e}p5 IS NOT NULL AND ${VISITOR_OF(e)} IS NOT NULL`;
const JOURNEY_COLUMNS = `site, visitor, channel, day, first_ts, ${JOURNEY_SLOTS.map((_, i) => `f${i}, n${i}`).join(', ')}`;
// The key and values of one event (`e` = its alias, or `NEW.`), or of a group of events with `agg`.
const journeyValues = (e: string, agg: boolean, visitor = VISITOR_OF(e)) => [
  `${e}site`, visitor, `${e}channel`, `${e}ts / 86400000`, agg ? `MIN(${e}ts)` : `${e}ts`,
  ...JOURNEY_SLOTS.flatMap(([model, stage]) => agg
    ? [`MIN(CASE WHEN ${e}${model} = '${stage}' THEN ${e}ts END)`, `SUM(CASE WHEN ${e}${model} = '${stage}' THEN 1 ELSE 0 END)`]
    : [`CASE WHEN ${e}${model} = '${stage}' THEN ${e}ts END`, `CASE WHEN ${e}${model} = '${stage}' THEN 1 ELSE 0 END`]),
].join(', ');
// Merging a new row into an existing one: earliest arrivals (NULL = never), summed counts.
const journeyMerge = (dialect: Dialect) => `ON CONFLICT (site, visitor, channel, day) DO UPDATE SET ${[
  dialect === 'sqlite' ? 'first_ts = MIN(first_ts, excluded.first_ts)' : 'first_ts = LEAST(journey_days.first_ts, EXCLUDED.first_ts)',
  ...JOURNEY_SLOTS.flatMap((_, i) => dialect === 'sqlite'
    // SQLite's two-argument MIN is NULL when either is; PostgreSQL's LEAST skips NULLs.
    ? [`f${i} = CASE WHEN excluded.f${i} IS NULL OR f${i} <= excluded.f${i} THEN f${i} ELSE excluded.f${i} END`, `n${i} = n${i} + excluded.n${i}`]
    : [`f${i} = LEAST(journey_days.f${i}, EXCLUDED.f${i})`, `n${i} = journey_days.n${i} + EXCLUDED.n${i}`]),
].join(', ')}`;
const journeyBackfill = `INSERT INTO journey_days (${JOURNEY_COLUMNS})
  SELECT ${journeyValues('', true)} FROM events WHERE ${JOURNEY_FILTER('')} GROUP BY site, ${VISITOR_OF('')}, channel, ts / 86400000`;

MIGRATIONS.push({
  version: 6,
  name: 'journey rollup: visitor × channel × day, first arrival and touchpoints per stage',
  sql: {
    sqlite: `${journeyDaysTable('INTEGER')} WITHOUT ROWID;
${journeyBackfill};
CREATE TRIGGER IF NOT EXISTS events_journey_days AFTER INSERT ON events WHEN ${JOURNEY_FILTER('NEW.')}
BEGIN
  INSERT INTO journey_days (${JOURNEY_COLUMNS}) VALUES (${journeyValues('NEW.', false)})
  ${journeyMerge('sqlite')};
END;
DROP INDEX IF EXISTS events_report_visitor;`,
    // A statement-level trigger: one grouped upsert per INSERT statement (the transition table holds only
    // the rows actually inserted), in key order so concurrent collectors lock rollup rows in one order.
    postgres: `${journeyDaysTable('BIGINT')};
${journeyBackfill};
CREATE OR REPLACE FUNCTION touchpoint_journey_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO journey_days (${JOURNEY_COLUMNS})
    SELECT ${journeyValues('', true)} FROM new_rows WHERE ${JOURNEY_FILTER('')}
    GROUP BY site, ${VISITOR_OF('')}, channel, ts / 86400000 ORDER BY 1, 2, 3, 4
  ${journeyMerge('postgres')};
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS events_journey_days ON events;
CREATE TRIGGER events_journey_days AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION touchpoint_journey_days();
DROP INDEX IF EXISTS events_report_visitor;`,
  },
});

// Version 7: a measurement as columns. A `web_vitals` touchpoint's metric and value lived only in the
// event JSON, where no index can answer them without reading each row (the ads report's p75 LCP read
// ~400,000 rows and parsed their JSON: ~1.5 s of its 1.8 s at 1M touchpoints). As columns, filled at
// ingestion and back-filled here, the partial vitals index covers the query.
const measureColumns = (real: string) => `
ALTER TABLE events ADD COLUMN metric TEXT;
ALTER TABLE events ADD COLUMN value ${real};`;
const vitalsIndex = `
DROP INDEX IF EXISTS events_report_vitals;
CREATE INDEX IF NOT EXISTS events_report_vitals ON events (site, name, path, metric, value, ts, is_bot) WHERE name = 'web_vitals';`;

MIGRATIONS.push({
  version: 7,
  name: 'web vitals metric and value as columns',
  sql: {
    sqlite: `${measureColumns('REAL')}
UPDATE events SET metric = json_extract(data, '$.properties.metric'), value = json_extract(data, '$.properties.value')
  WHERE name = 'web_vitals' AND json_type(data, '$.properties.metric') = 'text' AND json_type(data, '$.properties.value') IN ('integer', 'real');${vitalsIndex}`,
    postgres: `${measureColumns('DOUBLE PRECISION')}
UPDATE events SET metric = data::jsonb #>> '{properties,metric}', value = (data::jsonb #>> '{properties,value}')::double precision
  WHERE name = 'web_vitals' AND jsonb_typeof(data::jsonb #> '{properties,metric}') = 'string' AND jsonb_typeof(data::jsonb #> '{properties,value}') = 'number';${vitalsIndex}`,
  },
});

// Version 8: who may see what. Personal access keys (only a salted scrypt hash of the secret is kept) with
// their per-site grants, dashboard sessions (a hash of the cookie's token), the failure counters that
// throttle guessing, read-only shared report links (a hash of the link's token) and the audit log of
// admin actions. All of it lives in the store, not in one collector's memory, so every collector behind
// a load balancer sees the same sessions, the same revocations and the same throttling.
// `site = '*'` in a grant means every site.
const accessTables = (big: string, serial: string) => `
CREATE TABLE IF NOT EXISTS access_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  salt TEXT NOT NULL,
  hash TEXT NOT NULL,
  created_at ${big} NOT NULL,
  created_by TEXT NOT NULL,
  last_used_at ${big},
  revoked_at ${big}
);
CREATE TABLE IF NOT EXISTS access_grants (
  key_id TEXT NOT NULL,
  site TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (key_id, site)
);
CREATE TABLE IF NOT EXISTS access_sessions (
  token_hash TEXT PRIMARY KEY,
  principal TEXT NOT NULL,
  created_at ${big} NOT NULL,
  expires_at ${big} NOT NULL
);
CREATE INDEX IF NOT EXISTS access_sessions_principal ON access_sessions (principal);
CREATE TABLE IF NOT EXISTS access_throttle (
  subject TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start ${big} NOT NULL,
  strikes INTEGER NOT NULL,
  blocked_until ${big} NOT NULL
);
CREATE TABLE IF NOT EXISTS shared_links (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  site TEXT NOT NULL,
  report TEXT NOT NULL,
  label TEXT,
  created_by TEXT NOT NULL,
  created_at ${big} NOT NULL,
  expires_at ${big} NOT NULL,
  revoked_at ${big}
);
CREATE INDEX IF NOT EXISTS shared_links_site ON shared_links (site, created_at);
CREATE TABLE IF NOT EXISTS audit_log (
  id ${serial},
  at ${big} NOT NULL,
  actor TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  site TEXT,
  detail TEXT NOT NULL,
  ip TEXT
);
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at);
CREATE INDEX IF NOT EXISTS audit_log_site_at ON audit_log (site, at);`;

MIGRATIONS.push({
  version: 8,
  name: 'access keys, sessions, login throttling, shared links and the audit log',
  sql: {
    sqlite: accessTables('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT'),
    postgres: accessTables('BIGINT', 'BIGSERIAL PRIMARY KEY'),
  },
});

// Version 9: what the relevance scorer learns about a site, kept so that checking one ad judges it
// against the whole site as a full run does. One row per page or ad the checker has read (`doc` is
// `page:/path` or `ad:ID`, replaced when re-checked): its language and, as JSON, a page's content blocks
// (fingerprint and stems, from which the site's repeated boilerplate and each word's specificity are
// computed) or an ad's stems. The catalogue gains the brand-ad mark and the shop's synonym groups (JSON).
const relevanceDocs = (big: string, bool: string) => `
ALTER TABLE ad_catalogue ADD COLUMN brand ${bool};
ALTER TABLE ad_catalogue ADD COLUMN synonyms TEXT;
CREATE TABLE IF NOT EXISTS relevance_docs (
  site TEXT NOT NULL,
  origin TEXT NOT NULL,
  doc TEXT NOT NULL,
  lang TEXT NOT NULL,
  data TEXT NOT NULL,
  updated_at ${big} NOT NULL,
  PRIMARY KEY (site, origin, doc)
);`;

MIGRATIONS.push({
  version: 9,
  name: 'relevance: what the scorer learns about each site; brand ads and synonyms in the catalogue',
  sql: { sqlite: relevanceDocs('INTEGER', 'INTEGER'), postgres: relevanceDocs('BIGINT', 'SMALLINT') },
});

// Version 10: the customer, not the browser (docs/identity.md). `identity_links` ties a browser's
// anonymous id to the person it belongs to (one row per browser tied to someone: an identify, an alias, the
// first-party cookie or an e-mail link); `user_merges` re-points a user id merged into another by an alias
// of two user ids; `identity_conflicts` records the refusals of rule 2 (an anonymous id already tied to
// another person); `suppressed_ids` holds the ids of erased people, whose late retries are dropped.
// A person's key is `u:<user id>` once identified, else the anonymous id (reports/people.ts).
const identityTables = (big: string) => `
CREATE TABLE IF NOT EXISTS identity_links (
  site TEXT NOT NULL,
  anonymous_id TEXT NOT NULL,
  person_key TEXT NOT NULL,
  via TEXT NOT NULL,
  linked_at ${big} NOT NULL,
  PRIMARY KEY (site, anonymous_id)
);
CREATE INDEX IF NOT EXISTS identity_links_person ON identity_links (site, person_key);
CREATE TABLE IF NOT EXISTS user_merges (
  site TEXT NOT NULL,
  user_id TEXT NOT NULL,
  person_key TEXT NOT NULL,
  linked_at ${big} NOT NULL,
  PRIMARY KEY (site, user_id)
);
CREATE INDEX IF NOT EXISTS user_merges_person ON user_merges (site, person_key);
CREATE TABLE IF NOT EXISTS identity_conflicts (
  site TEXT NOT NULL,
  anonymous_id TEXT NOT NULL,
  person_key TEXT NOT NULL,
  other_key TEXT NOT NULL,
  at ${big} NOT NULL
);
CREATE INDEX IF NOT EXISTS identity_conflicts_site_at ON identity_conflicts (site, at);
CREATE TABLE IF NOT EXISTS suppressed_ids (
  site TEXT NOT NULL,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  at ${big} NOT NULL,
  PRIMARY KEY (site, kind, id)
);`;

// The rollup counts people (reading B of docs/identity.md): `journey_days.visitor` becomes the person
// key of reports/people.ts — the user id's merge, else `u:<user id>`, else the browser's link, else the
// anonymous id, else the session — looked up by the trigger (one primary-key seek per journey row), and
// the rows of a browser are re-keyed into its person's when a link is written (store/identity-sql.ts).
// Existing rollup rows are rebuilt here from the events with the same key.
const PERSON_OF_ROW = (e: string) => `COALESCE(
    (SELECT um.person_key FROM user_merges um WHERE um.site = ${e}site AND um.user_id = ${e}user_id), 'u:' || ${e}user_id,
    (SELECT il.person_key FROM identity_links il WHERE il.site = ${e}site AND il.anonymous_id = ${e}anonymous_id),
    ${e}anonymous_id, ${e}session_id)`;
const PERSON_OF_JOINED = (e: string) => `COALESCE(um.person_key, 'u:' || ${e}user_id, il.person_key, ${e}anonymous_id, ${e}session_id)`;
const PERSON_JOINS = (e: string) => `LEFT JOIN user_merges um ON um.site = ${e}site AND um.user_id = ${e}user_id
    LEFT JOIN identity_links il ON il.site = ${e}site AND il.anonymous_id = ${e}anonymous_id`;
const journeyRebuild = (table: string) => `DELETE FROM journey_days;
INSERT INTO journey_days (${JOURNEY_COLUMNS})
  SELECT ${journeyValues('e.', true, PERSON_OF_JOINED('e.'))} FROM ${table} e ${PERSON_JOINS('e.')}
  WHERE ${JOURNEY_FILTER('e.')} GROUP BY 1, 2, 3, 4`;

MIGRATIONS.push({
  version: 10,
  name: 'identity: links from browsers to people, user merges, conflicts and erased ids; the journey rollup keyed by person',
  sql: {
    sqlite: `${identityTables('INTEGER')}
DROP TRIGGER IF EXISTS events_journey_days;
CREATE TRIGGER events_journey_days AFTER INSERT ON events WHEN ${JOURNEY_FILTER('NEW.')}
BEGIN
  INSERT INTO journey_days (${JOURNEY_COLUMNS}) VALUES (${journeyValues('NEW.', false, PERSON_OF_ROW('NEW.'))})
  ${journeyMerge('sqlite')};
END;
${journeyRebuild('events')};`,
    postgres: `${identityTables('BIGINT')}
CREATE OR REPLACE FUNCTION touchpoint_journey_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO journey_days (${JOURNEY_COLUMNS})
    SELECT ${journeyValues('e.', true, PERSON_OF_JOINED('e.'))} FROM new_rows e ${PERSON_JOINS('e.')}
    WHERE ${JOURNEY_FILTER('e.')} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ${journeyMerge('postgres')};
  RETURN NULL;
END $$;
${journeyRebuild('events')};`,
  },
});

/**
 * Re-keys the rollup rows of `from` (a browser, or a user merged into another) into person `to`:
 * parameters `[to, site, from]` for the upsert, then `[site, from]` for the delete (identity-sql.ts).
 */
export const JOURNEY_REKEY = (dialect: Dialect) => ({
  move: `INSERT INTO journey_days (${JOURNEY_COLUMNS})
    SELECT site, ?, channel, day, first_ts, ${JOURNEY_SLOTS.map((_, i) => `f${i}, n${i}`).join(', ')} FROM journey_days WHERE site = ? AND visitor = ?
    ORDER BY channel, day
  ${journeyMerge(dialect)}`,
  drop: 'DELETE FROM journey_days WHERE site = ? AND visitor = ?',
});

// Version 11: minted e-mail links (email/links.ts). A link names an opaque random `ref`; this row maps it
// to the site's user id, the campaign and the click's destination. Erasure deletes a person's rows by
// `user_id` (the index), after which their links answer 410.
const emailLinks = (big: string) => `
CREATE TABLE IF NOT EXISTS email_links (
  site TEXT NOT NULL,
  ref TEXT NOT NULL,
  user_id TEXT NOT NULL,
  campaign TEXT NOT NULL,
  destination TEXT NOT NULL,
  created_at ${big} NOT NULL,
  expires_at ${big} NOT NULL,
  PRIMARY KEY (site, ref)
);
CREATE INDEX IF NOT EXISTS email_links_user ON email_links (site, user_id);`;

MIGRATIONS.push({
  version: 11,
  name: 'e-mail links: opaque references to recipients',
  sql: { sqlite: emailLinks('INTEGER'), postgres: emailLinks('BIGINT') },
});

// Version 14: the marketer's reports (issue 23) read covering indexes instead of the table. Abandonment
// needs each session's browser and user beside its journey touchpoints: `events_report_session` gains
// `anonymous_id` and `user_id` (replaced, not added to: an insert updates as many b-trees as before,
// and every query that used it still can). Attribution and the funnel read a person's arrivals (non-direct
// `ad_landing` / `page_view`): a partial index holds only those — on a real site a small share of page
// views, since moving inside the site is direct — with every column the reports read.
const arrivalColumns = 'site, ts, is_bot, name, channel, utm_campaign, utm_content, path, session_id, anonymous_id, user_id, id';
const marketerIndexes = `
DROP INDEX IF EXISTS events_report_session;
CREATE INDEX IF NOT EXISTS events_report_session_people ON events (site, session_id, ts, phase, name, path, is_bot, anonymous_id, user_id);
CREATE INDEX IF NOT EXISTS events_report_arrival ON events (${arrivalColumns}) WHERE name IN ('ad_landing', 'page_view') AND channel <> 'direct';`;

MIGRATIONS.push({
  version: 14,
  name: 'marketer report indexes: people per session, arrivals',
  // SQLite's planner weighs indexes by the statistics ANALYZE keeps: without them for the new ones it
  // chose the table over them. (PostgreSQL's autovacuum analyzes the table itself.)
  sql: { sqlite: `${marketerIndexes}\nANALYZE events;`, postgres: marketerIndexes },
});

// Version 15: a session is a bot or not as a whole (issue 23). The user-agent rule flags each request; a
// browser's page-leave beacon can carry another user agent than its other requests (a headless or
// automation UA, an in-app browser), and when its copy of a touchpoint arrived first, de-duplication kept
// that copy's flag and the touchpoint vanished from the reports. The rule now: **a session is human as soon
// as one of its touchpoints arrived from a human user agent; then every touchpoint of it, earlier and
// later, counts.** A session whose every request looked like a bot stays hidden. Kept by the database in
// the event's transaction, whoever writes: `bot_sessions` lists the sessions seen only from bots so far
// (small: a primary-key probe per human insert finds nothing), a bot touchpoint arriving in a human
// session is stored as human, a human touchpoint arriving in a listed session un-flags the session's
// earlier ones, and un-flagged touchpoints join the journey rollup through an UPDATE trigger (the insert
// trigger skipped them), keyed by person as the insert trigger is since migration 10. A human duplicate copy of a touchpoint stored as a bot un-flags it too (the
// stores do that on their write path, store/bot-copies.ts).
const botSessionsTable = `
CREATE TABLE IF NOT EXISTS bot_sessions (
  site TEXT NOT NULL,
  session_id TEXT NOT NULL,
  PRIMARY KEY (site, session_id)
)`;
const HUMAN_IN_SESSION = (site: string, session: string) =>
  `EXISTS (SELECT 1 FROM events h WHERE h.site = ${site} AND h.session_id = ${session} AND h.is_bot = 0)`;

MIGRATIONS.push({
  version: 15,
  name: 'bots per session: a session is human as soon as one of its touchpoints is',
  sql: {
    sqlite: `${botSessionsTable} WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS events_journey_days_unbot AFTER UPDATE OF is_bot ON events
  WHEN OLD.is_bot = 1 AND ${JOURNEY_FILTER('NEW.')}
BEGIN
  INSERT INTO journey_days (${JOURNEY_COLUMNS}) VALUES (${journeyValues('NEW.', false, PERSON_OF_ROW('NEW.'))})
  ${journeyMerge('sqlite')};
END;
UPDATE events SET is_bot = 0 WHERE is_bot = 1 AND session_id IS NOT NULL AND ${HUMAN_IN_SESSION('events.site', 'events.session_id')};
INSERT OR IGNORE INTO bot_sessions (site, session_id) SELECT DISTINCT site, session_id FROM events WHERE is_bot = 1 AND session_id IS NOT NULL;
CREATE TRIGGER IF NOT EXISTS events_bot_in_session AFTER INSERT ON events WHEN NEW.is_bot = 1 AND NEW.session_id IS NOT NULL
BEGIN
  UPDATE events SET is_bot = 0 WHERE site = NEW.site AND id = NEW.id AND ${HUMAN_IN_SESSION('NEW.site', 'NEW.session_id')};
  INSERT OR IGNORE INTO bot_sessions (site, session_id) SELECT NEW.site, NEW.session_id WHERE NOT ${HUMAN_IN_SESSION('NEW.site', 'NEW.session_id')};
END;
CREATE TRIGGER IF NOT EXISTS events_human_in_bot_session AFTER INSERT ON events
  WHEN NEW.is_bot = 0 AND NEW.session_id IS NOT NULL AND EXISTS (SELECT 1 FROM bot_sessions b WHERE b.site = NEW.site AND b.session_id = NEW.session_id)
BEGIN
  UPDATE events SET is_bot = 0 WHERE site = NEW.site AND session_id = NEW.session_id AND is_bot = 1;
  DELETE FROM bot_sessions WHERE site = NEW.site AND session_id = NEW.session_id;
END;`,
    // Statement-level, like the journey trigger: one pass over the inserted rows per INSERT or COPY. It is
    // named to fire before events_journey_days (PostgreSQL fires a table's triggers in name order); the
    // rows it un-flags reach the rollup through the row-level UPDATE trigger, never twice.
    postgres: `${botSessionsTable};
CREATE OR REPLACE FUNCTION touchpoint_journey_days_unbot() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO journey_days (${JOURNEY_COLUMNS}) VALUES (${journeyValues('NEW.', false, PERSON_OF_ROW('NEW.'))})
  ${journeyMerge('postgres')};
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS events_journey_days_unbot ON events;
CREATE TRIGGER events_journey_days_unbot AFTER UPDATE OF is_bot ON events FOR EACH ROW
  WHEN (OLD.is_bot = 1 AND ${JOURNEY_FILTER('NEW.')}) EXECUTE FUNCTION touchpoint_journey_days_unbot();
UPDATE events SET is_bot = 0 WHERE is_bot = 1 AND session_id IS NOT NULL AND ${HUMAN_IN_SESSION('events.site', 'events.session_id')};
INSERT INTO bot_sessions (site, session_id) SELECT DISTINCT site, session_id FROM events WHERE is_bot = 1 AND session_id IS NOT NULL ON CONFLICT DO NOTHING;
CREATE OR REPLACE FUNCTION touchpoint_bot_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE events e SET is_bot = 0 FROM new_rows n
    WHERE n.is_bot = 1 AND n.session_id IS NOT NULL AND e.site = n.site AND e.id = n.id AND ${HUMAN_IN_SESSION('n.site', 'n.session_id')};
  INSERT INTO bot_sessions (site, session_id)
    SELECT DISTINCT n.site, n.session_id FROM new_rows n WHERE n.is_bot = 1 AND n.session_id IS NOT NULL AND NOT ${HUMAN_IN_SESSION('n.site', 'n.session_id')}
    ORDER BY 1, 2 ON CONFLICT DO NOTHING;
  WITH human AS (
    DELETE FROM bot_sessions b USING (SELECT DISTINCT site, session_id FROM new_rows WHERE is_bot = 0 AND session_id IS NOT NULL) n
    WHERE b.site = n.site AND b.session_id = n.session_id RETURNING b.site, b.session_id)
  UPDATE events e SET is_bot = 0 FROM human WHERE e.site = human.site AND e.session_id = human.session_id AND e.is_bot = 1;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS events_bot_sessions ON events;
CREATE TRIGGER events_bot_sessions AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION touchpoint_bot_sessions();`,
  },
});

// Version 16: abandonment's rollup (issue 21's budget: reports ≤ 1 s at 1M touchpoints). Abandonment needs,
// per person and touchpoint name before or during the purchase, the last time reached: read from the
// events (two scans of the session index and a join, ~1 s of CPU at 1M touchpoints) it was half of the
// journey report and of weak-touchpoints. `journey_steps` holds one row per site × person × name × UTC
// day with that last time — repeated page views of a day fold into one row — keyed by person like
// `journey_days` (the same lookup per row, re-keyed with it when people merge, erased with it, fed with
// the touchpoints a human request un-flags as bots). Only session touchpoints count, as abandonment
// always has: a backend's touchpoints are no place a shopper stops. And the bot count every report shows
// reads a partial index of bot touchpoints (a few per cent of them) instead of the site's range.
const STEPS_FILTER = (e: string) => `${e}is_bot = 0 AND ${e}phase IN ('before', 'during') AND ${e}session_id IS NOT NULL`;
const journeyStepsTable = (big: string) => `
CREATE TABLE IF NOT EXISTS journey_steps (
  site TEXT NOT NULL,
  visitor TEXT NOT NULL,
  name TEXT NOT NULL,
  day INTEGER NOT NULL,
  last_ts ${big} NOT NULL,
  PRIMARY KEY (site, visitor, name, day)
)`;
const stepsMerge = (dialect: Dialect) => `ON CONFLICT (site, visitor, name, day) DO UPDATE SET last_ts = ${
  dialect === 'sqlite' ? 'MAX(last_ts, excluded.last_ts)' : 'GREATEST(journey_steps.last_ts, EXCLUDED.last_ts)'}`;
const stepsOfRow = (e: string) => `${e}site, ${PERSON_OF_ROW(e)}, ${e}name, ${e}ts / 86400000, ${e}ts`;
const botIndex = 'CREATE INDEX IF NOT EXISTS events_report_bots ON events (site, ts) WHERE is_bot = 1;';

MIGRATIONS.push({
  version: 16,
  name: 'abandonment rollup: person × touchpoint × day, last time reached; bot touchpoints indexed',
  sql: {
    sqlite: `${journeyStepsTable('INTEGER')} WITHOUT ROWID;
INSERT INTO journey_steps (site, visitor, name, day, last_ts)
  SELECT e.site, ${PERSON_OF_JOINED('e.')}, e.name, e.ts / 86400000, MAX(e.ts) FROM events e ${PERSON_JOINS('e.')}
  WHERE ${STEPS_FILTER('e.')} GROUP BY 1, 2, 3, 4;
CREATE TRIGGER IF NOT EXISTS events_journey_steps AFTER INSERT ON events WHEN ${STEPS_FILTER('NEW.')}
BEGIN
  INSERT INTO journey_steps (site, visitor, name, day, last_ts) VALUES (${stepsOfRow('NEW.')})
  ${stepsMerge('sqlite')};
END;
CREATE TRIGGER IF NOT EXISTS events_journey_steps_unbot AFTER UPDATE OF is_bot ON events
  WHEN OLD.is_bot = 1 AND ${STEPS_FILTER('NEW.')}
BEGIN
  INSERT INTO journey_steps (site, visitor, name, day, last_ts) VALUES (${stepsOfRow('NEW.')})
  ${stepsMerge('sqlite')};
END;
${botIndex}
ANALYZE events;`,
    postgres: `${journeyStepsTable('BIGINT')};
INSERT INTO journey_steps (site, visitor, name, day, last_ts)
  SELECT e.site, ${PERSON_OF_JOINED('e.')}, e.name, e.ts / 86400000, MAX(e.ts) FROM events e ${PERSON_JOINS('e.')}
  WHERE ${STEPS_FILTER('e.')} GROUP BY 1, 2, 3, 4;
CREATE OR REPLACE FUNCTION touchpoint_journey_steps() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO journey_steps (site, visitor, name, day, last_ts)
    SELECT e.site, ${PERSON_OF_JOINED('e.')}, e.name, e.ts / 86400000, MAX(e.ts) FROM new_rows e ${PERSON_JOINS('e.')}
    WHERE ${STEPS_FILTER('e.')} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ${stepsMerge('postgres')};
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS events_journey_steps ON events;
CREATE TRIGGER events_journey_steps AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION touchpoint_journey_steps();
CREATE OR REPLACE FUNCTION touchpoint_journey_steps_unbot() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO journey_steps (site, visitor, name, day, last_ts) VALUES (${stepsOfRow('NEW.')})
  ${stepsMerge('postgres')};
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS events_journey_steps_unbot ON events;
CREATE TRIGGER events_journey_steps_unbot AFTER UPDATE OF is_bot ON events FOR EACH ROW
  WHEN (OLD.is_bot = 1 AND ${STEPS_FILTER('NEW.')}) EXECUTE FUNCTION touchpoint_journey_steps_unbot();
${botIndex}`,
  },
});

/** Re-keys the abandonment rollup as {@link JOURNEY_REKEY} does the journey's: the same parameters. */
export const STEPS_REKEY = (dialect: Dialect) => ({
  move: `INSERT INTO journey_steps (site, visitor, name, day, last_ts)
    SELECT site, ?, name, day, last_ts FROM journey_steps WHERE site = ? AND visitor = ? ORDER BY name, day
  ${stepsMerge(dialect)}`,
  drop: 'DELETE FROM journey_steps WHERE site = ? AND visitor = ?',
});
