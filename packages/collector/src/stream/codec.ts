import type { StoredEvent } from '../store/types.js';

// A stream message carries one StoredEvent. Its `data` field is already JSON text (the clean event), so
// JSON.stringify of the whole row would escape every quote of it again — the collector's largest single
// cost per event, paid back by the loader when parsing. Instead a message is
//
//   <JSON of the row without `data`> "\n" <data, verbatim>
//
// JSON.stringify never emits a raw line break (it writes `\n` inside strings), so the first newline byte
// separates the two parts. Messages without a newline are the previous format, the whole row as JSON,
// still accepted so that a stream written by older collectors loads after an upgrade.

const decoder = new TextDecoder();

/**
 * The text of an event's stream message (see above); encode it to bytes once, e.g. with `Buffer.from`.
 *
 * @example
 * Buffer.from(encodeEvent(event)); // {"site":"shop","id":"…",…}\n{"id":"…","name":"page_view",…}
 */
export function encodeEvent(e: StoredEvent): string {
  // `data: undefined` drops the key; cheaper than a replacer or a field-by-field template (measured).
  return `${JSON.stringify({ ...e, data: undefined })}\n${e.data}`;
}

/**
 * The event a message carries, or why it is not one: either format above, with every column the store
 * needs of the right type, and `data` shaped like a JSON object (the store's JSON column would refuse
 * anything else, and a batch it refuses would be retried for ever).
 *
 * @example
 * decodeEvent(Buffer.from(encodeEvent(event))); // a StoredEvent equal to `event`
 * decodeEvent(Buffer.from('nope')); // 'not JSON'
 */
export function decodeEvent(bytes: Uint8Array): StoredEvent | string {
  const text = decoder.decode(bytes);
  const split = text.indexOf('\n');
  let e: Record<string, unknown>;
  try {
    e = JSON.parse(split < 0 ? text : text.slice(0, split)) as Record<string, unknown>;
  } catch {
    return split < 0 ? 'not JSON' : 'not JSON before the first line break';
  }
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return 'not an object';
  if (split >= 0) e.data = text.slice(split + 1);
  for (const k of ['site', 'id', 'name', 'channel', 'data'] as const) if (typeof e[k] !== 'string') return `${k}: missing or not a string`;
  for (const k of ['ts', 'receivedAt'] as const) if (typeof e[k] !== 'number' || !Number.isFinite(e[k])) return `${k}: missing or not a number`;
  if (typeof e.isBot !== 'boolean') return 'isBot: missing or not a boolean';
  const data = e.data as string;
  if (!data.startsWith('{') || !data.endsWith('}')) return 'data: not a JSON object';
  // A verified identity claim (StoredEvent.linkTo) travels as it is: the loader writes its link.
  const link = e.linkTo as Record<string, unknown> | null | undefined;
  if (link !== undefined && link !== null) {
    if (typeof link !== 'object' || (link.via !== 'cookie' && link.via !== 'email')) return 'linkTo: not an identity claim';
    if ((link.anonymousId !== undefined && typeof link.anonymousId !== 'string') || (link.userId !== undefined && typeof link.userId !== 'string')) return 'linkTo: ids must be strings';
  }
  return e as unknown as StoredEvent;
}
