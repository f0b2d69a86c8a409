import { stageOf, type Campaign, type Properties, type TouchpointEvent } from '@touchpoint/schema';
import { measureOf } from '../pipeline/enrich.js';
import type { Channel, Store, StoredEvent } from '../store/types.js';

/** A touchpoint described briefly, for seeding report tests and benchmarks. */
export interface SeedEvent {
  name: string;
  /** ms since epoch */
  ts: number;
  visitor?: string | null;
  user?: string | null;
  session?: string | null;
  path?: string;
  title?: string;
  channel?: Channel;
  campaign?: Campaign;
  properties?: Properties;
  bot?: boolean;
  device?: string;
  id?: string;
}

let seq = 0;

/**
 * Builds the `StoredEvent` the collector would store for a brief description: stage from the built-in
 * defaults, campaign columns from `campaign`, the clean event as JSON in `data`.
 * @example toStoredEvent('shop', { name: 'page_view', ts: 0, visitor: 'v1', session: 's1', path: '/' })
 */
export function toStoredEvent(site: string, e: SeedEvent): StoredEvent {
  const id = e.id ?? `e${(++seq).toString(36)}-${e.ts.toString(36)}`;
  const stage = stageOf(e.name);
  const url = e.path ? `https://${site}.example${e.path}` : undefined;
  const event: TouchpointEvent = {
    id, name: e.name, ts: e.ts,
    ...(e.visitor ? { anonymousId: e.visitor } : {}),
    ...(e.user ? { userId: e.user } : {}),
    ...(e.session ? { sessionId: e.session } : {}),
    ...(url ? { page: { url, path: e.path!, ...(e.title !== undefined ? { title: e.title } : {}) } } : {}),
    ...(e.campaign ? { campaign: e.campaign } : {}),
    ...(stage ? { stage } : {}),
    ...(e.properties ? { properties: e.properties } : {}),
  };
  const c = e.campaign ?? {};
  return {
    site, id, name: e.name, ts: e.ts, receivedAt: e.ts,
    anonymousId: e.visitor ?? null, userId: e.user ?? null, sessionId: e.session ?? null,
    phase: stage?.phase ?? null, p5: stage?.p5 ?? null,
    channel: e.channel ?? (e.campaign ? 'paid_search' : 'direct'),
    url: url ?? null, path: e.path ?? null, title: e.title ?? null, referrer: null,
    utmSource: c.source ?? null, utmMedium: c.medium ?? null, utmCampaign: c.campaign ?? null,
    utmTerm: c.term ?? null, utmContent: c.content ?? null, clickIdParam: c.clickIdParam ?? null,
    browser: null, os: null, device: e.device ?? null, isBot: e.bot ?? false, ip: null,
    data: JSON.stringify(event),
    ...measureOf(event),
  };
}

/**
 * Writes brief events to a store for one site (in batches of 500).
 * @example await seed(store, 'shop', [{ name: 'page_view', ts: 0, visitor: 'v1', session: 's1', path: '/' }])
 */
export async function seed(store: Store, site: string, events: readonly SeedEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) await store.write(events.slice(i, i + 500).map((e) => toStoredEvent(site, e)));
}

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
const MIN = 60_000;
const trail: Campaign = { source: 'google', medium: 'cpc', campaign: 'trail', term: 'zapatillas trail', content: 'ad-trail', clickIdParam: 'gclid', clickId: 'g1' };
const home: Campaign = { source: 'meta', medium: 'paid_social', campaign: 'rebajas', content: 'ad-home' };
const landingProps = (path: string, title: string, h1: string, isHome: boolean, isForm = false): Properties => ({ path, title, h1, is_home: isHome, is_form: isForm });

/** Start of the hand-computed dataset (2026-01-05 10:00 UTC); every event is within one day of it. */
export const SAMPLE_START = T0;

/**
 * A small hand-computed dataset every report test (and the PostgreSQL contract suite) can assert against.
 * Four visitors and a bot:
 * - v1 (paid, trail ad): lands on /es/trail, views, signs up (+10 min), begins checkout (+20), buys (+30), opens support (+40), rates purchase NPS 10 and CSAT 5.
 * - v2 (paid, trail ad): lands on /es/trail and leaves (bounce); LCP 4000 on /es/trail.
 * - v3 (paid, home ad): lands on the home page /, views, signs up (+5), leaves; rates sign_up NPS 3.
 * - v4 (direct, cookieless: session only): views /, begins checkout (+2 min), leaves; rates purchase NPS 8 and CSAT 2.
 * - a bot that does everything — never counted.
 * LCP on /es/trail: 1000, 2000, 4000 (p75 = 4000); on /: 3000.
 */
export function sampleEvents(): SeedEvent[] {
  const t = (min: number) => T0 + min * MIN;
  return [
    // v1 — session s1
    { name: 'ad_landing', ts: t(0), visitor: 'v1', session: 's1', path: '/es/trail', title: 'Zapatillas de trail', channel: 'paid_search', campaign: trail, properties: landingProps('/es/trail', 'Zapatillas de trail', 'Zapatillas de trail', false) },
    { name: 'page_view', ts: t(0), visitor: 'v1', session: 's1', path: '/es/trail', title: 'Zapatillas de trail', channel: 'paid_search', campaign: trail },
    { name: 'web_vitals', ts: t(1), visitor: 'v1', session: 's1', path: '/es/trail', channel: 'paid_search', properties: { metric: 'LCP', value: 1000, rating: 'good', page_view_id: 'x' } },
    { name: 'sign_up', ts: t(10), visitor: 'v1', session: 's1', path: '/registro', channel: 'paid_search' },
    { name: 'begin_checkout', ts: t(20), visitor: 'v1', session: 's1', path: '/checkout', channel: 'paid_search', properties: { step: 'begin', step_number: 1 } },
    { name: 'purchase', ts: t(30), visitor: 'v1', session: 's1', path: '/gracias', channel: 'paid_search', properties: { step: 'purchase', step_number: 4, value: 80, currency: 'EUR' } },
    { name: 'support_open', ts: t(40), visitor: 'v1', session: 's1', path: '/gracias', channel: 'paid_search', properties: { widget: 'crisp' } },
    { name: 'feedback', ts: t(41), visitor: 'v1', session: 's1', path: '/gracias', channel: 'paid_search', properties: { score: 10, scale: 'nps', touchpoint: 'purchase' } },
    { name: 'feedback', ts: t(42), visitor: 'v1', session: 's1', path: '/gracias', channel: 'paid_search', properties: { score: 5, scale: 'csat', touchpoint: 'purchase' } },
    // v2 — session s2: a bounce
    { name: 'ad_landing', ts: t(5), visitor: 'v2', session: 's2', path: '/es/trail', title: 'Zapatillas de trail', channel: 'paid_search', campaign: trail, properties: landingProps('/es/trail', 'Zapatillas de trail', 'Zapatillas de trail', false) },
    { name: 'page_view', ts: t(5), visitor: 'v2', session: 's2', path: '/es/trail', title: 'Zapatillas de trail', channel: 'paid_search', campaign: trail },
    { name: 'web_vitals', ts: t(6), visitor: 'v2', session: 's2', path: '/es/trail', channel: 'paid_search', properties: { metric: 'LCP', value: 4000, rating: 'poor', page_view_id: 'y' } },
    { name: 'web_vitals', ts: t(6), visitor: 'v2', session: 's2', path: '/es/trail', channel: 'paid_search', properties: { metric: 'CLS', value: 0.3, rating: 'poor', page_view_id: 'y' } },
    // v3 — session s3: lands on the home page, signs up, leaves
    { name: 'ad_landing', ts: t(60), visitor: 'v3', session: 's3', path: '/', title: 'Tienda', channel: 'paid_social', campaign: home, properties: landingProps('/', 'Tienda', 'Bienvenido', true) },
    { name: 'page_view', ts: t(60), visitor: 'v3', session: 's3', path: '/', title: 'Tienda', channel: 'paid_social', campaign: home },
    { name: 'web_vitals', ts: t(61), visitor: 'v3', session: 's3', path: '/', channel: 'paid_social', properties: { metric: 'LCP', value: 3000, rating: 'needs-improvement', page_view_id: 'z' } },
    { name: 'sign_up', ts: t(65), visitor: 'v3', session: 's3', path: '/registro', channel: 'paid_social' },
    { name: 'feedback', ts: t(66), visitor: 'v3', session: 's3', path: '/registro', channel: 'paid_social', properties: { score: 3, scale: 'nps', touchpoint: 'sign_up' } },
    // v4 — cookieless, session s4 only
    { name: 'page_view', ts: t(120), session: 's4', path: '/', title: 'Tienda', channel: 'direct' },
    { name: 'web_vitals', ts: t(121), session: 's4', path: '/es/trail', channel: 'direct', properties: { metric: 'LCP', value: 2000, rating: 'good', page_view_id: 'w' } },
    { name: 'begin_checkout', ts: t(122), session: 's4', path: '/checkout', channel: 'direct', properties: { step: 'begin', step_number: 1 } },
    { name: 'feedback', ts: t(123), session: 's4', path: '/checkout', channel: 'direct', properties: { score: 8, scale: 'nps', touchpoint: 'purchase' } },
    { name: 'feedback', ts: t(124), session: 's4', path: '/checkout', channel: 'direct', properties: { score: 2, scale: 'csat', touchpoint: 'purchase' } },
    // a bot doing everything: must never be counted
    ...['ad_landing', 'page_view', 'sign_up', 'begin_checkout', 'purchase', 'feedback'].map((name, i): SeedEvent => ({
      name, ts: t(200 + i), visitor: 'bot', session: 'sb', path: '/es/trail', channel: 'paid_search', campaign: trail, bot: true,
      properties: name === 'feedback' ? { score: 0, scale: 'nps', touchpoint: 'purchase' } : name === 'ad_landing' ? landingProps('/es/trail', 'x', 'x', false) : {},
    })),
  ];
}
