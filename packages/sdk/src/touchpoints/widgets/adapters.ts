import { whenGlobal } from './when-global.js';

/** Calls `open` each time the vendor's widget opens; returns a function that stops waiting for the widget. */
export type WidgetAdapter = (open: () => void) => () => void;

type Fn = (...a: unknown[]) => unknown;

/** Intercom Messenger: `Intercom('onShow', fn)` (works on the queueing stub of Intercom's snippet too). */
export const intercom: WidgetAdapter = (open) => whenGlobal<Fn>('Intercom', (I) => I('onShow', open));

/** Zendesk Web Widget (messaging): `zE('messenger:on', 'open', fn)`. */
export const zendesk: WidgetAdapter = (open) => whenGlobal<Fn>('zE', (zE) => zE('messenger:on', 'open', open));

/** Crisp: `$crisp.push(['on', 'chat:opened', fn])` (the `$crisp` array of Crisp's snippet queues it). */
export const crisp: WidgetAdapter = (open) => whenGlobal<{ push: Fn }>('$crisp', (c) => c.push(['on', 'chat:opened', open]));

/**
 * HubSpot chat: `HubSpotConversations.on('conversationStarted', fn)`; HubSpot has no "opened" event, a
 * started conversation is the support touchpoint. Registers through `hsConversationsOnReady` when the
 * API is not there yet, as HubSpot documents.
 */
export const hubspot: WidgetAdapter = (open) => {
  const w = window as unknown as { HubSpotConversations?: { on: Fn }; hsConversationsOnReady?: Fn[] };
  const on = () => w.HubSpotConversations!.on('conversationStarted', open);
  if (w.HubSpotConversations) on();
  else (w.hsConversationsOnReady ||= []).push(on);
  return () => undefined;
};

/** Tawk.to: the `Tawk_API.onChatMaximized` callback (chained with one the page set before). */
export const tawk: WidgetAdapter = (open) => {
  const w = window as unknown as { Tawk_API?: { onChatMaximized?: Fn } };
  const api = (w.Tawk_API ||= {});
  const prev = api.onChatMaximized;
  api.onChatMaximized = (...a: unknown[]) => {
    open();
    return prev?.(...a);
  };
  return () => undefined;
};

/** Freshchat: `window.fcWidget.on('widget:opened', fn)`. */
export const freshchat: WidgetAdapter = (open) => whenGlobal<{ on: Fn }>('fcWidget', (f) => f.on('widget:opened', open));

/** The adapters by widget name (the `widget` property of the `support_open` they tag). */
export const WIDGETS: Record<string, WidgetAdapter> = { intercom, zendesk, crisp, hubspot, tawk, freshchat };
