import { defaultStage, LIMITS, NAME_PATTERN, TOUCHPOINT, type PageContext, type Properties, type TouchpointEvent } from '@touchpoint/schema';
import { checkConfig } from './config';
import { CONSENT_STATES, initialConsent, privacySignal } from './consent';
import { pageContext } from './context/page';
import { anonymousId, sessions } from './context/session';
import { AID, ATTR, keyValue, SID, SPILL, UID } from './context/storage';
import { uuidv7 } from './id';
import { createQueue } from './queue/queue';
import { fallbackStore, idbStore } from './queue/store';
import { createSender } from './send/deliver';
import { onPageLeave } from './send/unload';
import type { Client, Config, ConsentState, Feature, Internals, TouchpointError } from './types';
import { SDK } from './version';
import { stringify } from './json';

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
  const report = (e: TouchpointError) => {
    if (c.debug) console.warn('[touchpoint]', e.code, e.message);
    try {
      c.onError?.(e);
    } catch {
      // a faulty hook must not break tagging
    }
  };
  const invalid = (message: string): undefined => {
    drop('invalid', 1, { code: 'invalid', message });
  };
  let state: ConsentState = initialConsent(c);
  const kv = keyValue(!c.cookieless);
  let userId = kv.get(UID) || undefined;
  let session = sessions(kv);
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
  const store = fallbackStore(c.store || (typeof indexedDB != 'undefined' ? idbStore() : undefined), (why) =>
    report({ code: 'storage', message: `queue kept in memory (${why})` }),
  );
  const queue = createQueue(store, limit, c.queueBytes || 1 << 20, (n) => {
    drop('queue_full', n, { code: 'queue_full', count: n, message: `queue full: dropped ${n} oldest` });
  });
  const [add, , clear] = queue;
  const [queued, flush, leave, drop, stopSender] = createSender(c, store, queue, () => state == 'granted', report, (ids) => ids.forEach((i) => unacked.delete(i)));

  function track(name: string, properties?: Properties, extra?: Partial<TouchpointEvent>): string | undefined {
    try {
      if (state == 'denied') return;
      if (typeof name != 'string' || !NAME_PATTERN.test(name)) return invalid(`touchpoint name ${stringify(name)} must match ${NAME_PATTERN}`);
      const ts = Date.now();
      const key = location.href + document.title + referrer;
      if (key != pageKey) (pageKey = key), (page = pageContext(c.keepParams, referrer));
      const e: TouchpointEvent = { id: uuidv7(ts), name, ts, sessionId: session(ts), page, sdk: SDK };
      if (!c.cookieless) e.anonymousId = aid ||= anonymousId(kv);
      if (userId) e.userId = userId;
      // a site's override (own properties only: `toString` is no touchpoint), else the built-in default
      const o = c.stages;
      const stage = (o && {}.hasOwnProperty.call(o, name) && o[name]) || defaultStage(name);
      if (stage) e.stage = stage;
      // A JSON round trip drops undefined and functions, so what is stored is what will be sent.
      if (properties) e.properties = JSON.parse(stringify(properties));
      Object.assign(e, extra);
      enrich.forEach((f) => f(e));
      const size = stringify(e).length;
      if (size > LIMITS.maxEventBytes) {
        return void drop('too_large', 1, { code: 'invalid', message: `${name}: ${size} B over the ${LIMITS.maxEventBytes} B limit` });
      }
      add(e);
      unacked.set(e.id, e);
      if (unacked.size > limit) unacked.delete(unacked.keys().next().value!);
      queued(size);
      if (c.debug) console.debug('[touchpoint]', name, e);
      return e.id;
    } catch (err) {
      invalid(`${name}: ${err}`);
    }
  }

  const forget = () => {
    userId = aid = undefined;
    session = sessions(kv);
    [AID, SID, UID, ATTR].forEach((k) => kv.set(k, null));
  };
  const offLeave = onPageLeave(() => {
    if (state == 'denied' || !unacked.size) return;
    // IndexedDB writes still in flight when the document goes away are lost with it (seen in Chromium on a
    // reload right after a tag); localStorage is synchronous, so this tab's unacknowledged touchpoints are
    // handed to the next page there too. Merged with any other tab's, newest kept; duplicates are harmless
    // (same ids: the queue overwrites, the collector de-duplicates).
    let old: TouchpointEvent[] = [];
    try {
      old = JSON.parse(kv.get(SPILL) || '[]');
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
      report({ code: 'invalid', message: `${f.name || 'plugin'} failed: ${e}` });
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
      if (typeof id != 'string' || !id || id.length > LIMITS.maxIdLength) return invalid(`identify: userId must be 1–${LIMITS.maxIdLength} characters`);
      userId = id;
      if (state != 'denied') kv.set(UID, id);
      track(TOUCHPOINT.identify, undefined, traits ? { traits: JSON.parse(stringify(traits)) } : undefined);
    },
    consent(s) {
      if (!CONSENT_STATES.includes(s)) return invalid(`consent must be granted, denied or pending, got ${stringify(s)}`);
      if (privacySignal(c)) return void (c.debug && console.debug('[touchpoint] DNT/GPC: stays denied'));
      state = s;
      if (s == 'denied') {
        unacked.clear();
        forget();
        kv.set(SPILL, null);
        void clear().catch(() => undefined);
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
  if (c.format == 'segment') {
    client.stop();
    throw new TypeError("touchpoint.init: format 'segment' is not in the core build, touchpoint.min.js has it");
  }
  // Touchpoints an earlier page handed over on leaving (see onPageLeave) rejoin the queue.
  const spill = kv.get(SPILL);
  if (spill) {
    kv.set(SPILL, null);
    try {
      if (state != 'denied') (JSON.parse(spill) as TouchpointEvent[]).forEach(add);
    } catch {
      // a damaged spill: what IndexedDB holds still goes out
    }
  }
  // Denied from the start (setting or privacy signal): nothing from earlier visits may be sent either.
  if (state == 'denied') void clear().catch(() => undefined);
  // Touchpoints left by an earlier visit (tab closed before the ack) go out with the first flush.
  queued(0);
  return client;
}
