import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeCollector, testConfig } from '../../test-client.fixture.js';
import { createClient } from '../../client.js';
import type { Client } from '../../types.js';
import { autoWidgets, supportWidgets } from './support-widgets.js';

// Fakes follow each vendor's documented API: they only accept the documented event registration and
// fire the callback when the "user" opens the widget.
type W = Record<string, unknown>;
const w = window as unknown as W;
const GLOBALS = ['Intercom', 'zE', '$crisp', 'HubSpotConversations', 'hsConversationsOnReady', 'Tawk_API', 'fcWidget'];

let c: Client;
let col: ReturnType<typeof fakeCollector>;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  localStorage.clear();
  col = fakeCollector();
});
afterEach(() => {
  c.stop();
  GLOBALS.forEach((g) => delete w[g]);
  vi.useRealTimers();
});

const widgets = async () => {
  await c.flush();
  return col.events().map((e) => e.properties!.widget);
};

describe('support widget adapters', () => {
  it('Intercom: onShow, also when Intercom loads after the SDK', async () => {
    c = createClient(testConfig(col));
    c.use(supportWidgets('intercom'));
    let onShow: (() => void) | undefined;
    w.Intercom = (cmd: string, fn: () => void) => cmd == 'onShow' && (onShow = fn);
    await vi.advanceTimersByTimeAsync(500);
    onShow!();
    expect(await widgets()).toEqual(['intercom']);
  });

  it("Zendesk: zE('messenger:on', 'open', fn)", async () => {
    const handlers: Record<string, () => void> = {};
    w.zE = (api: string, ev: string, fn: () => void) => api == 'messenger:on' && (handlers[ev] = fn);
    c = createClient(testConfig(col));
    c.use(supportWidgets('zendesk'));
    handlers.open!();
    expect(await widgets()).toEqual(['zendesk']);
  });

  it("Crisp: $crisp.push(['on', 'chat:opened', fn]) on the snippet's queue", async () => {
    const queue: unknown[][] = [];
    w.$crisp = queue;
    c = createClient(testConfig(col));
    c.use(supportWidgets('crisp'));
    const [verb, ev, fn] = queue[0]! as [string, string, () => void];
    expect([verb, ev]).toEqual(['on', 'chat:opened']);
    fn();
    expect(await widgets()).toEqual(['crisp']);
  });

  it('HubSpot: conversationStarted, through hsConversationsOnReady before the API exists', async () => {
    c = createClient(testConfig(col));
    c.use(supportWidgets('hubspot'));
    const handlers: Record<string, () => void> = {};
    w.HubSpotConversations = { on: (ev: string, fn: () => void) => (handlers[ev] = fn) };
    (w.hsConversationsOnReady as Array<() => void>).forEach((f) => f()); // what HubSpot does once loaded
    handlers.conversationStarted!();
    expect(await widgets()).toEqual(['hubspot']);
  });

  it('Tawk.to: onChatMaximized, keeping the callback the page set', async () => {
    const own = vi.fn();
    w.Tawk_API = { onChatMaximized: own };
    c = createClient(testConfig(col));
    c.use(supportWidgets('tawk'));
    (w.Tawk_API as { onChatMaximized: () => void }).onChatMaximized();
    expect(own).toHaveBeenCalledOnce();
    expect(await widgets()).toEqual(['tawk']);
  });

  it("Freshchat: fcWidget.on('widget:opened', fn)", async () => {
    const handlers: Record<string, () => void> = {};
    w.fcWidget = { on: (ev: string, fn: () => void) => (handlers[ev] = fn) };
    c = createClient(testConfig(col, { widgets: ['freshchat', 'unknown'] }), [autoWidgets]);
    handlers['widget:opened']!();
    handlers['widget:opened']!();
    expect(await widgets()).toEqual(['freshchat', 'freshchat']);
  });

  it('stops looking for a widget that never loads', async () => {
    c = createClient(testConfig(col));
    const before = vi.getTimerCount(); // the flush interval
    c.use(supportWidgets('freshchat'));
    expect(vi.getTimerCount()).toBe(before + 1);
    await vi.advanceTimersByTimeAsync(61_000);
    expect(vi.getTimerCount()).toBe(before);
  });
});
