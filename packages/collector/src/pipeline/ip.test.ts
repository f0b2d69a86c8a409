import { describe, expect, it } from 'vitest';
import { anonymizeIp } from './ip.js';

describe('anonymizeIp', () => {
  it('truncates IPv4 to /24 by default', () => {
    expect(anonymizeIp('203.0.113.77')).toBe('203.0.113.0');
  });
  it('truncates IPv6 to /48 by default', () => {
    expect(anonymizeIp('2001:db8:1234:5678:9abc::1')).toBe('2001:db8:1234::');
    expect(anonymizeIp('2001:0db8:abcd:0012:0000:0000:0000:0001')).toBe('2001:db8:abcd::');
  });
  it('treats IPv4-mapped IPv6 (how node:http reports IPv4 on a dual-stack socket) as IPv4', () => {
    expect(anonymizeIp('::ffff:198.51.100.23')).toBe('198.51.100.0');
  });
  it('honours configured prefix lengths', () => {
    expect(anonymizeIp('203.0.113.77', { mode: 'truncate', v4Bits: 16 })).toBe('203.0.0.0');
    expect(anonymizeIp('2001:db8:1234:5678::1', { mode: 'truncate', v6Bits: 32 })).toBe('2001:db8::');
    expect(anonymizeIp('2001:db8:12ff::1', { mode: 'truncate', v6Bits: 40 })).toBe('2001:db8:1200::');
  });
  it('never returns the raw address, even when asked for all bits', () => {
    expect(anonymizeIp('203.0.113.77', { mode: 'truncate', v4Bits: 32 })).toBe('203.0.113.76');
    expect(anonymizeIp('2001:db8::1', { mode: 'truncate', v6Bits: 128 })).toBe('2001:db8::');
  });
  it('drops the address in drop mode and ignores what is not an IP', () => {
    expect(anonymizeIp('203.0.113.77', { mode: 'drop' })).toBeNull();
    expect(anonymizeIp('not-an-ip')).toBeNull();
    expect(anonymizeIp(undefined)).toBeNull();
  });
});
