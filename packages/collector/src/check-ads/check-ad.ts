import { CLICK_IDS, UTM_PARAMS } from '@touchpoint/schema';
import type { Ad } from '../catalogue/parse.js';
import { decodeHtml } from '../html/decode.js';
import { readBlocks } from '../html/blocks.js';
import { extractSignals, type ContentSignals } from '../html/signals.js';
import type { Relevance } from '../relevance/score.js';
import type { SiteKnowledge } from '../relevance/site-knowledge.js';
import { judgeLanding } from './judge-landing.js';
import type { Landing } from './site-docs.js';
import { fetchPage } from './fetch-page.js';
import type { Limiter } from './limiter.js';
import type { TargetGuard } from './ssrf.js';

/** One hop of a redirect chain. */
export interface Hop {
  url: string;
  status: number;
  /** ms from the start of this request to its response headers */
  ms: number;
}

/** A problem found on an ad's landing, in plain words, with how bad it is. */
export interface Problem {
  /** stable code for machines, e.g. `http_error`, `dropped_params`, `home_page` */
  code: string;
  /** plain words, e.g. `redirect drops gclid` */
  message: string;
  /** larger is worse; used to list the worst ads first */
  weight: number;
  /** the message in English and Spanish (relevance, home page and form problems) */
  messages?: { en: string; es: string };
}

/** Everything a check learned about one ad's landing page. */
export interface CheckResult {
  adId: string;
  campaign?: string;
  landingUrl: string;
  /** final status (0 when the page could not be loaded) */
  status: number;
  finalUrl?: string;
  redirects: Hop[];
  /** UTM parameters and click ids of the ad URL that the final URL no longer has */
  droppedParams: string[];
  /** ms to the first byte of the final page, redirects included */
  ttfbMs?: number;
  /** ms until the final page was read, redirects included */
  totalMs?: number;
  /** bytes of HTML read */
  bytes?: number;
  charset?: string;
  signals?: ContentSignals;
  relevance?: Relevance;
  problems: Problem[];
  /** true when there is no problem */
  ok: boolean;
  checkedAt: number;
}

/** Limits and thresholds of a check (defaults in parentheses). */
export interface CheckOptions {
  guard: TargetGuard;
  limit: Limiter;
  /** redirects followed before giving up (10) */
  maxRedirects?: number;
  /** per-URL deadline, redirects included, in ms (10 000) */
  timeoutMs?: number;
  /** bytes of HTML read at most (2 MB) */
  maxBytes?: number;
  /** relevance below this is a problem (40) */
  minScore?: number;
  /** a landing slower than this (total time) is a problem, in ms (3 000) */
  maxMs?: number;
  /** what is known of the landing's site (word specificity, boilerplate, name); default: learned from this page and ad alone */
  site?: SiteKnowledge;
  /** the shop's own synonym groups (the catalogue's `synonyms` column) */
  synonyms?: ReadonlyArray<readonly string[]>;
  now?: () => number;
}

const TRACKING_PARAMS = [...UTM_PARAMS, ...Object.keys(CLICK_IDS)];
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 410: 'Gone', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

/**
 * Checks one ad: fetches its landing URL following redirects (bounded), records the chain, status, timing
 * and size, whether its UTM parameters and click id survived, reads the page's content signals and judges
 * them against the ad's text (relevance, off topic, thin, home page, form). Never throws: every failure
 * becomes a problem in plain words. To judge against the whole site (what `runChecks` does), pass `site`.
 * @example const result = await checkAd(ad, { guard: createTargetGuard(), limit: createLimiter() })
 */
export async function checkAd(ad: Ad, options: CheckOptions): Promise<CheckResult> {
  const { result, landing } = await fetchLanding(ad, options);
  return landing ? judgeLanding(result, ad, landing, options) : finishResult(result);
}

/** Sorts a result's problems worst first and sets `ok`. */
export function finishResult(result: CheckResult): CheckResult {
  result.problems.sort((a, b) => b.weight - a.weight);
  result.ok = result.problems.length === 0;
  return result;
}

/**
 * The network half of a check: fetches the landing (redirects, timings, lost parameters, HTTP errors)
 * and reads the page, without judging its relevance — so a run can learn the site from all its pages
 * first. `landing` is set when a page was read.
 */
export async function fetchLanding(ad: Ad, options: CheckOptions): Promise<{ result: CheckResult; landing?: Landing }> {
  const { guard, limit, maxRedirects = 10, timeoutMs = 10_000, maxBytes = 2_000_000, maxMs = 3_000, now = Date.now } = options;
  const result: CheckResult = { adId: ad.adId, campaign: ad.campaign, landingUrl: ad.landingUrl ?? '', status: 0, redirects: [], droppedParams: [], problems: [], ok: false, checkedAt: now() };
  const problem = (code: string, message: string, weight: number) => result.problems.push({ code, message, weight });
  let landing: Landing | undefined;
  const finish = () => ({ result, landing });
  let url: URL;
  try {
    url = new URL(ad.landingUrl ?? '');
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    problem('bad_url', `landing URL is not an http(s) URL: "${(ad.landingUrl ?? '').slice(0, 100)}"`, 100);
    return finish();
  }
  const original = url;
  // Time spent waiting for a free connection slot is not the page's fault: the deadline and the timings
  // count only time on the wire, hop by hop.
  let spent = 0;
  let timedOut = false;
  const seen = new Set<string>();
  try {
    for (let hop = 0; ; hop++) {
      seen.add(url.href);
      const target = url;
      const res = await limit(target.host, async () => {
        const remaining = timeoutMs - spent;
        if (remaining <= 0) throw Object.assign(new Error('timeout'), { code: 'ETOUCHPOINT_TIMEOUT' });
        const controller = new AbortController();
        const timer = setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, remaining);
        const hopStart = performance.now();
        try {
          return await fetchPage(target, {
            guard, maxBytes, signal: controller.signal,
            readBody: (status, headers) => status >= 200 && status < 300 && /html|xml|^$/i.test(String(headers['content-type'] ?? '')),
          });
        } finally {
          clearTimeout(timer);
          spent += performance.now() - hopStart;
        }
      });
      const location = res.headers.location;
      if (res.status >= 300 && res.status < 400 && location) {
        result.redirects.push({ url: url.href, status: res.status, ms: Math.round(res.ttfbMs) });
        const next = new URL(location, url);
        if (seen.has(next.href)) {
          problem('redirect_loop', `redirect loop: ${[...result.redirects.map((h) => h.url), next.href].slice(-3).join(' → ')}`, 90);
          result.finalUrl = next.href;
          result.status = res.status;
          return finish();
        }
        if (hop + 1 > maxRedirects) {
          problem('too_many_redirects', `more than ${maxRedirects} redirects`, 90);
          result.status = res.status;
          return finish();
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          problem('bad_redirect', `redirects to a non-web address (${next.protocol})`, 90);
          return finish();
        }
        url = next;
        continue;
      }
      result.status = res.status;
      result.finalUrl = url.href;
      result.ttfbMs = Math.round(spent - res.totalMs + res.ttfbMs);
      result.totalMs = Math.round(spent);
      result.bytes = res.bytes;
      if (res.status >= 400) problem('http_error', `${res.status}${STATUS_TEXT[res.status] ? ` ${STATUS_TEXT[res.status]}` : ''}`, 100);
      else if (res.status >= 300) problem('http_error', `${res.status} redirect without a Location`, 100);
      if (res.truncated) problem('oversized', `page larger than ${Math.round(maxBytes / 1000)} KB (stopped reading)`, 20);
      if (res.status >= 200 && res.status < 300) {
        const page = decodeHtml(res.body, res.headers['content-type']);
        result.charset = page.charset;
        const signals = extractSignals(page.text, url.href);
        if (/\bnoindex\b/i.test(String(res.headers['x-robots-tag'] ?? ''))) signals.noindex = true;
        result.signals = signals;
        landing = { url, signals, blocks: readBlocks(page.text), query: original.searchParams };
        if (signals.noindex) problem('noindex', 'page is marked noindex', 10);
      }
      if (result.totalMs > maxMs) problem('slow', `slow: ${seconds(result.totalMs)}`, 25);
      break;
    }
    const finalQuery = new URL(result.finalUrl ?? original.href).searchParams;
    result.droppedParams = TRACKING_PARAMS.filter((p) => original.searchParams.has(p) && finalQuery.get(p) !== original.searchParams.get(p));
    if (result.droppedParams.length) problem('dropped_params', `redirect drops ${result.droppedParams.join(', ')}`, 60);
  } catch (err) {
    const e = err as Error & { code?: string };
    result.totalMs = Math.round(spent);
    if (e.code === 'ETOUCHPOINT_SSRF') problem('refused', e.message, 95);
    else if (timedOut || e.code === 'ETOUCHPOINT_TIMEOUT') problem('timeout', `no complete answer within ${seconds(timeoutMs)}`, 80);
    else problem('unreachable', `could not load: ${e.code ?? e.message}`, 100);
  }
  return finish();
}

/** Sum of problem weights: how bad a result is, for worst-first lists. */
export const badness = (r: CheckResult) => r.problems.reduce((sum, p) => sum + p.weight, 0);
