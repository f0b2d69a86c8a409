import { expect, it } from 'vitest';
import { uuidv7 } from './id.js';

it('makes RFC 9562 version 7 UUIDs carrying the millisecond timestamp', () => {
  const id = uuidv7(Date.UTC(2026, 0, 1));
  expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 0, 1));
});

it('sorts in creation order, even many within one millisecond', () => {
  const now = Date.now() + 10_000;
  const ids = Array.from({ length: 5000 }, () => uuidv7(now));
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
});

it('works without crypto.getRandomValues', () => {
  const c = globalThis.crypto;
  Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
  try {
    expect(uuidv7()).toMatch(/^[0-9a-f-]{36}$/);
  } finally {
    Object.defineProperty(globalThis, 'crypto', { value: c, configurable: true });
  }
});
