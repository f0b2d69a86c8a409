import { describe, expect, it } from 'vitest';
import { correctSkew } from './skew.js';

describe('correctSkew', () => {
  it('moves a slow client clock forward by the skew (ts + receivedAt − sentAt)', () => {
    // Client clock 60 s behind: it says it sent at 100_000 when it was 160_000 here.
    expect(correctSkew(95_000, 100_000, 160_000)).toBe(155_000);
  });
  it('moves a fast client clock back', () => {
    expect(correctSkew(1_000_000, 1_005_000, 905_000)).toBe(900_000);
  });
  it('keeps ts when the batch carries no sentAt', () => {
    expect(correctSkew(42, undefined, 1_000)).toBe(42);
  });
});
