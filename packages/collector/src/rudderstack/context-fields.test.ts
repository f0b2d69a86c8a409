import { describe, expect, it } from 'vitest';
import { referrerOf, sessionIdOf } from './context-fields.js';

describe('RudderStack context fields', () => {
  it('reads "$direct" as no referrer and keeps real referrers', () => {
    expect(referrerOf('$direct')).toBeUndefined();
    expect(referrerOf('')).toBeUndefined();
    expect(referrerOf(42)).toBeUndefined();
    expect(referrerOf(undefined)).toBeUndefined();
    expect(referrerOf('https://www.google.com/')).toBe('https://www.google.com/');
  });

  it('turns the numeric session id into the envelope string, and drops what is not an id', () => {
    expect(sessionIdOf({ sessionId: 1796347896934 })).toBe('1796347896934');
    expect(sessionIdOf({ sessionId: 'sess-9' })).toBe('sess-9');
    expect(sessionIdOf({})).toBeUndefined();
    expect(sessionIdOf({ sessionId: '  ' })).toBeUndefined();
    expect(sessionIdOf({ sessionId: Number.NaN })).toBeUndefined();
    expect(sessionIdOf({ sessionId: { id: 1 } })).toBeUndefined();
  });
});
