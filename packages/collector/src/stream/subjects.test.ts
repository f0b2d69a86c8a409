import { describe, expect, it } from 'vitest';
import { messageId, subjectFor, token } from './subjects.js';

describe('stream subjects and message ids', () => {
  it('keeps plain ids as they are', () => {
    expect(subjectFor('touchpoint.events', 'shop-1')).toBe('touchpoint.events.shop-1');
    expect(messageId('shop', '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b')).toBe('shop/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
  });

  it('encodes characters NATS subjects or headers cannot carry', () => {
    expect(token('my.shop *>')).toBe('my%2Eshop%20%2A%3E');
    expect(token('ä\r\n%')).toBe('%C3%A4%0D%0A%25');
    expect(subjectFor('p', 'a.b')).toBe('p.a%2Eb');
  });

  it('never maps two different (site, id) pairs to one message id', () => {
    const pairs: Array<[string, string]> = [['a/b', 'c'], ['a', 'b/c'], ['a%2F', 'b'], ['a', '%2Fb'], ['a.b', 'c'], ['a%2Eb', 'c']];
    const ids = pairs.map(([s, i]) => messageId(s, i));
    expect(new Set(ids).size).toBe(pairs.length);
  });
});
