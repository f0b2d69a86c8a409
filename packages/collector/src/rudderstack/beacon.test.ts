import { describe, expect, it } from 'vitest';
import { HttpError } from '../http-error.js';
import { beaconWriteKey, MAX_QUERY_WRITE_KEY_LENGTH } from './beacon.js';

const url = (s: string) => new URL(s, 'https://collect.test');

describe('beaconWriteKey', () => {
  it('reads the write key of a beacon batch from the query string', () => {
    expect(beaconWriteKey(url('/beacon/v1/batch?writeKey=wk_shop'))).toBe('wk_shop');
    expect(beaconWriteKey(url('/beacon/v1/batch?writeKey=%20wk_shop%20'))).toBe('wk_shop');
  });

  it('ignores the query string on every other path, so a key there is never taken from a URL', () => {
    expect(beaconWriteKey(url('/v1/batch?writeKey=wk_shop'))).toBeUndefined();
    expect(beaconWriteKey(url('/beacon/v1/track?writeKey=wk_shop'))).toBeUndefined();
  });

  it('gives undefined when the beacon names no key (the handler answers 403)', () => {
    expect(beaconWriteKey(url('/beacon/v1/batch'))).toBeUndefined();
    expect(beaconWriteKey(url('/beacon/v1/batch?writeKey='))).toBeUndefined();
  });

  it('refuses a key given twice or an overlong one with a 400', () => {
    const refusal = (s: string) => {
      try {
        beaconWriteKey(url(s));
      } catch (err) {
        return err instanceof HttpError ? { status: err.status, message: err.message } : err;
      }
      return undefined;
    };
    expect(refusal('/beacon/v1/batch?writeKey=a&writeKey=b')).toEqual({ status: 400, message: 'writeKey: given more than once in the query string' });
    expect(refusal(`/beacon/v1/batch?writeKey=${'k'.repeat(MAX_QUERY_WRITE_KEY_LENGTH + 1)}`)).toEqual({ status: 400, message: `writeKey: longer than ${MAX_QUERY_WRITE_KEY_LENGTH} characters` });
    expect(refusal(`/beacon/v1/batch?writeKey=${'k'.repeat(MAX_QUERY_WRITE_KEY_LENGTH)}`)).toBeUndefined();
  });
});
