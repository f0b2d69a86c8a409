import { campaignFromSearch, LIMITS, stageOf, TOUCHPOINT, type Campaign, type RejectedEvent, type TouchpointEvent } from '@touchpoint/schema';
import type { SiteConfig } from '../sites.js';
import type { IdentityClaim, StoredEvent } from '../store/types.js';
import { classifyChannel } from './channel.js';
import { anonymizeIp, type IpPolicy } from './ip.js';
import { offsiteStage } from './offsite-touchpoints.js';
import type { RejectCode } from './reject-codes.js';
import { correctSkew } from './skew.js';
import { parseUserAgent, type AgentInfo } from './user-agent.js';

/** What the collector knows about the request an event came in. */
export interface RequestContext {
  site: SiteConfig;
  /** collector time of receipt, ms */
  receivedAt: number;
  /** client time the batch was sent, ms (skew correction) */
  sentAt?: number;
  userAgent?: string | null;
  ip?: string | null;
  ipPolicy: IpPolicy;
  /** memo: the request's parsed User-Agent, computed once for all its events */
  agent?: AgentInfo;
  /** memo: the request's anonymised IP, computed once for all its events */
  anonymizedIp?: string | null;
  /** memo: the last page URL seen in this request and the campaign read from it (a batch's events mostly share a page) */
  campaignUrl?: string;
  campaignFromUrl?: Campaign | undefined;
}

/** Per-event overrides of the request context (Segment server-side libraries send the end user's UA and IP per message). */
export interface EventHints {
  userAgent?: string;
  ip?: string;
  sentAt?: number;
  /** an identity claim the handler verified for this event (e-mail link token, first-party cookie) */
  linkTo?: IdentityClaim;
}

function campaignOf(e: TouchpointEvent, ctx: RequestContext): Campaign | undefined {
  if (e.campaign) return e.campaign;
  const url = e.page?.url;
  if (!url) return undefined;
  if (url === ctx.campaignUrl) return ctx.campaignFromUrl;
  const q = url.indexOf('?');
  const campaign = q === -1 ? undefined : campaignFromSearch(url.slice(q + 1).split('#')[0]!);
  ctx.campaignUrl = url;
  ctx.campaignFromUrl = campaign;
  return campaign;
}

/**
 * Turns a validated event into the row the store keeps: skew-corrected time, user agent, bot flag,
 * anonymised IP, channel and journey stage (site override, else built-in default, else the off-site
 * touchpoints' default, else the SDK's).
 * An event whose corrected time is more than 30 days old or a day ahead is refused with its reason.
 *
 * @example
 * const r = enrichEvent(event, { site, receivedAt: Date.now(), ipPolicy: { mode: 'truncate' } });
 */
export function enrichEvent(e: TouchpointEvent, ctx: RequestContext, hints: EventHints = {}): { ok: true; row: StoredEvent } | { ok: false; reason: string; code: RejectCode } {
  const ts = correctSkew(e.ts, hints.sentAt ?? ctx.sentAt, ctx.receivedAt);
  if (ts < ctx.receivedAt - LIMITS.maxAgeMs) return { ok: false, code: 'too_old', reason: `ts: older than ${LIMITS.maxAgeMs / 86_400_000} days` };
  if (ts > ctx.receivedAt + LIMITS.maxFutureMs) return { ok: false, code: 'in_future', reason: 'ts: more than 24 hours in the future' };
  // Per-message UA/IP (Segment server-side senders) or, usually, the request's, worked out once.
  const agent = hints.userAgent !== undefined ? parseUserAgent(hints.userAgent) : (ctx.agent ??= parseUserAgent(ctx.userAgent));
  const ip = hints.ip !== undefined ? anonymizeIp(hints.ip, ctx.ipPolicy) : ctx.anonymizedIp !== undefined ? ctx.anonymizedIp : (ctx.anonymizedIp = anonymizeIp(ctx.ip, ctx.ipPolicy));
  const campaign = campaignOf(e, ctx);
  const stage = stageOf(e.name, ctx.site.stages) ?? offsiteStage(e.name) ?? e.stage;
  // an e-mail link's token is a claim checked by the handler, never kept
  const { link: _link, ...rest } = e;
  const clean: TouchpointEvent = { ...rest, ts };
  if (stage) clean.stage = stage;
  const measure = measureOf(e);
  return {
    ok: true,
    row: {
      site: ctx.site.id,
      id: e.id,
      name: e.name,
      ts,
      receivedAt: ctx.receivedAt,
      anonymousId: e.anonymousId ?? null,
      userId: e.userId ?? null,
      sessionId: e.sessionId ?? null,
      phase: stage?.phase ?? null,
      p5: stage?.p5 ?? null,
      channel: classifyChannel({ campaign, referrer: e.page?.referrer, url: e.page?.url }),
      url: e.page?.url ?? null,
      path: e.page?.path || null,
      title: e.page?.title ?? null,
      referrer: e.page?.referrer ?? null,
      utmSource: campaign?.source ?? null,
      utmMedium: campaign?.medium ?? null,
      utmCampaign: campaign?.campaign ?? null,
      utmTerm: campaign?.term ?? null,
      utmContent: campaign?.content ?? null,
      clickIdParam: campaign?.clickIdParam ?? null,
      browser: agent.browser,
      os: agent.os,
      device: agent.device,
      isBot: agent.isBot,
      ip,
      data: JSON.stringify(clean),
      metric: measure.metric,
      value: measure.value,
      ...(hints.linkTo ? { linkTo: hints.linkTo } : {}),
    },
  };
}

/** A `web_vitals` touchpoint's metric and value, stored as columns the reports index (migration 7). */
export function measureOf(e: Pick<TouchpointEvent, 'name' | 'properties'>): { metric: string | null; value: number | null } {
  const p = e.properties;
  if (e.name !== TOUCHPOINT.webVitals || !p || typeof p.metric !== 'string' || typeof p.value !== 'number' || !Number.isFinite(p.value)) return NO_MEASURE;
  return { metric: p.metric, value: p.value };
}
const NO_MEASURE = { metric: null, value: null } as const;

/** A refused event as listed in the response, with the metric reason code. */
export type Refusal = RejectedEvent & { code: RejectCode };
