import { describe, expect, it } from 'vitest';
import { createTargetGuard, isPrivateAddress } from './ssrf.js';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1', 'not-an-ip',
  ])('%s is refused', (ip) => expect(isPrivateAddress(ip)).toBe(true));
  it.each(['8.8.8.8', '172.32.0.1', '93.184.216.34', '2606:4700::1111', '::ffff:8.8.8.8'])('%s is public', (ip) => expect(isPrivateAddress(ip)).toBe(false));
});

describe('createTargetGuard', () => {
  it('allows loopback only when asked, and never other private ranges through that flag', () => {
    expect(createTargetGuard().refuse('localhost', '127.0.0.1')).toMatch(/^refused/);
    const cli = createTargetGuard({ allowLoopback: true });
    expect(cli.refuse('localhost', '127.0.0.1')).toBeUndefined();
    expect(cli.refuse('localhost', '::1')).toBeUndefined();
    expect(cli.refuse('router', '192.168.0.1')).toMatch(/^refused: router resolves to a private or local address \(192\.168\.0\.1\)$/);
  });
  it('allow-lists hosts, addresses and CIDR ranges', () => {
    const g = createTargetGuard({ allow: ['intranet.example', '10.20.0.0/16', '192.168.1.5'] });
    expect(g.refuse('intranet.example', '10.0.0.9')).toBeUndefined();
    expect(g.refuse('x', '10.20.3.4')).toBeUndefined();
    expect(g.refuse('x', '10.21.0.1')).toMatch(/^refused/);
    expect(g.refuse('x', '192.168.1.5')).toBeUndefined();
    expect(g.refuse('x', '192.168.1.6')).toMatch(/^refused/);
  });
  it('resolves names and refuses when any address is private', async () => {
    const g = createTargetGuard();
    const err = await new Promise<Error | null>((resolve) => g.lookup('localhost', { all: true }, (e) => resolve(e)));
    expect(err?.message).toMatch(/^refused: localhost resolves to a private or local address/);
  });
});
