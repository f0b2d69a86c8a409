import { defaultStage, LIMITS, NAME_PATTERN, TOUCHPOINT, type PageContext, type Properties, type TouchpointEvent } from '@touchpoint/schema';
import { check, checkConfig } from './config.js';
import { CONSENT_STATES, privacySignal } from './consent.js';
import { pageContext } from './context/page.js';
import { anonymousId, session } from './context/session.js';
import { AID, ATTR, keyValue, SID, SPILL, UID } from './context/storage.js';
import { uuidv7 } from './id.js';
import { createQueue } from './queue/queue.js';
import { fallbackStore, idbStore } from './queue/store.js';
import { createSender, type Report } from './send/sender.js';
import { onPageLeave } from './send/unload.js';
import type { Client, Config, ConsentState, Feature, Internals } from './types.js';
import { message } from './messages.js';
import { SDK } from './version.js';
import { stringify } from './json.js';

/** A JSON copy: drops undefined and functions, so what is stored is what will be sent. */
const copy = (x: unknown) => JSON.parse(stringify(x));

/**
 * Creates a core client: validates `config` (throwing a TypeError on misconfiguration), opens the queue
 * and starts delivery and the given `features` (the typed helpers `adLanding`, `checkoutStep`,
 * `supportOpen` and `feedback` are the `helpers` feature; `createClient` in `./client` includes it).
 * Every method afterwards reports problems through `onError` instead of throwing.
 */
export function createCore(config: Config, features: Feature[] = []): Client {
  checkConfig(config);
  // A copy: features may resolve settings (e.g. `format: 'segment'`) without touching the caller's object.
  const c = { ...config };
  const report: Report = (code, text, count, status) => {
    if (c.debug) console.warn('[touchpoint]', code, text);
    try {
      c.onError?.({ code, message: text, count, status });
    } catch {
      // a faulty hook must not break tagging
    }
  };
  const invalid = (text: string) => drop('invalid', 1, 'invalid', text);
  let state: ConsentState = privacySignal(c) ? 'denied' : c.consent || 'granted';
  const kv = keyValue(!c.cookieless);
  let userId = kv.get(UID);
  let aid: string | undefined;
  // The page context is rebuilt only when the URL, title or referrer changed (URL parsing is not free).
  let pageKey = '';
  let page: PageContext;
  let pvId: string | undefined;
  let lastUrl: string | undefined;
  let referrer = document.referrer;
  const limit = c.queueLimit || 1000;
  // This tab's touchpoints not yet acknowledged: what the unload beacon sends without touching IndexedDB.
  const unacked = new Map<string, TouchpointEvent>();
  // Hooks of features that add fields to every touchpoint (e.g. attribution) before it is sized and queued.
  const enrich: Array<(e: TouchpointEvent) => void> = [];
  const store = fallbackStore(c.store || (globalThis.indexedDB ? idbStore() : undefined), (why) => report('storage', message('E30', 'queue', why)));
  const { _add: add, _settled: settled, _clear: clear } = createQueue(store, limit, c.queueBytes || 1 << 20, (n) => drop('queue_full', n, 'queue_full', message('E31', 'queue', n)));
  const { _queued: queued, _flush: flush, _leave: leave, _drop: drop, _stop: stopSender } = createSender(c, store, settled, () => state == 'granted', report, (ids) => ids.forEach((i) => unacked.delete(i)));
  const clearQueue = () => void clear().catch(() => 0);

  function track(name: string, properties?: Properties, extra?: Partial<TouchpointEvent>): string | undefined {
    try {
      if (state == 'denied') return;
      if (typeof name != 'string' || !NAME_PATTERN.test(name)) return void invalid(message('E10', 'name', name, NAME_PATTERN));
      const ts = Date.now();
      const key = location.href + document.title + referrer;
      if (key != pageKey) (pageKey = key), (page = pageContext(c, referrer));
      // a site's stage override (own properties only: `toString` is no touchpoint), else the built-in default
      const o = c.stages;
      // absent fields stay undefined: JSON leaves them out
      const e: TouchpointEvent = {
        id: uuidv7(ts),
        name,
        ts,
        anonymousId: c.cookieless ? undefined : (aid ||= anonymousId(kv)),
        userId,
        sessionId: session(kv, ts),
        page,
        stage: (o && {}.hasOwnProperty.call(o, name) && o[name]) || defaultStage(name),
        properties: properties && copy(properties),
        sdk: SDK,
        ...extra,
      };
      enrich.forEach((f) => f(e));
      const size = stringify(e).length;
      if (size > LIMITS.maxEventBytes) return void drop('too_large', 1, 'invalid', message('E11', name, size, LIMITS.maxEventBytes));
      add(e);
      unacked.set(e.id, e);
      if (unacked.size > limit) unacked.delete(unacked.keys().next().value!);
      queued(size);
      if (c.debug) console.debug('[touchpoint]', name, e);
      return e.id;
    } catch (err) {
      invalid(message('E12', name, err));
    }
  }

  const forget = () => {
    userId = aid = undefined;
    [AID, SID, UID, ATTR].forEach((k) => kv.set(k));
  };
  const offLeave = onPageLeave(() => {
    if (state == 'denied' || !unacked.size) return;
    // IndexedDB writes still in flight when the document goes away are lost with it (seen in Chromium on a
    // reload right after a tag); localStorage is synchronous, so this tab's unacknowledged touchpoints are
    // handed to the next page there too. Merged with any other tab's, newest kept; duplicates are harmless
    // (same ids: the queue overwrites, the collector de-duplicates).
    let old: TouchpointEvent[] = [];
    try {
      old = JSON.parse(kv.get(SPILL)!) || [];
    } catch {
      // a damaged spill is dropped rather than blocking this one
    }
    kv.set(SPILL, stringify([...old.filter((e) => !unacked.has(e.id)), ...unacked.values()].slice(-limit)));
    if (state == 'granted') leave([...unacked.values()]).forEach((id) => unacked.delete(id));
  });
  const cleanups: Array<() => void> = [offLeave, stopSender];

  // Plugins (`use`) and features start alike: a failure is reported, a returned function runs on stop().
  const start = (f: Feature) => {
    try {
      const off = f(client, c);
      if (off) cleanups.push(off);
    } catch (e) {
      report('invalid', message('E14', f.name || 'plugin', e));
    }
  };
  const client = {
    _invalid: invalid,
    _kv: kv,
    _enrich: enrich,
    _state: () => state,
    tag: (name, properties) => void track(name, properties),
    pageView(properties) {
      const url = location.href;
      // SPA navigations: the previous page is the referrer of the next.
      if (lastUrl && lastUrl != url) referrer = lastUrl;
      lastUrl = url;
      pvId = track(TOUCHPOINT.pageView, properties) || pvId;
    },
    signUp: (properties) => void track(TOUCHPOINT.signUp, properties),
    identify(id, traits) {
      if (typeof id != 'string' || !id || id.length > LIMITS.maxIdLength) return invalid(message('E13', 'identify', LIMITS.maxIdLength, id));
      userId = id;
      if (state != 'denied') kv.set(UID, id);
      track(TOUCHPOINT.identify, undefined, { traits: traits && copy(traits) });
    },
    consent(s) {
      if (!CONSENT_STATES.includes(s)) return invalid(message('E5', 'consent', s));
      // a privacy signal the site honours keeps it denied
      if (privacySignal(c)) return;
      state = s;
      if (s == 'denied') {
        unacked.clear();
        forget();
        kv.set(SPILL);
        clearQueue();
      } else if (s == 'granted') void flush();
    },
    flush,
    reset: forget,
    use: (plugin) => start(plugin as Feature),
    pageViewId: () => pvId,
    track,
    stop: () => cleanups.splice(0).forEach((f) => f()),
  } satisfies Partial<Client> & Internals as Client & Internals;
  features.forEach(start);
  try {
    // the Segment format is a feature (npm, touchpoint.segment.min.js): without it, 'segment' is still a name here
    check(c.format != 'segment', 'E9', 'format', c.format);
  } catch (e) {
    client.stop();
    throw e;
  }
  // Touchpoints an earlier page handed over on leaving (see onPageLeave) rejoin the queue.
  const spill = kv.get(SPILL);
  kv.set(SPILL);
  try {
    if (state != 'denied') (JSON.parse(spill!) || []).forEach(add);
  } catch {
    // a damaged spill: what IndexedDB holds still goes out
  }
  // Denied from the start (setting or privacy signal): nothing from earlier visits may be sent either.
  if (state == 'denied') clearQueue();
  // Touchpoints left by an earlier visit (tab closed before the ack) go out with the first flush.
  queued(0);
  return client;
}
