import { describe, expect, it } from 'vitest';
import { isAppleAddress, machineClick, machineOpen, SCANNER_AFTER_OPEN_MS, SCANNER_CLICK_WINDOW_MS } from './machine-traffic.js';

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const IPHONE_MAIL = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';
const later = { method: 'GET', ip: '203.0.113.9', sinceMintMs: 3_600_000 };

describe('machine traffic: opens', () => {
  it("Apple Mail Privacy Protection: the proxy's bare `Mozilla/5.0`, or any fetch from Apple's address space", () => {
    expect(machineOpen({ ...later, userAgent: 'Mozilla/5.0' })).toBe('apple_mpp');
    expect(machineOpen({ ...later, userAgent: IPHONE_MAIL, ip: '17.58.101.3' })).toBe('apple_mpp');
    expect(machineOpen({ ...later, userAgent: IPHONE_MAIL, ip: '2620:149:a44::12' })).toBe('apple_mpp');
    expect(isAppleAddress('::ffff:17.1.2.3')).toBe(true);
    expect(isAppleAddress('170.1.2.3')).toBe(false);
    expect(isAppleAddress('2620:14a::1')).toBe(false);
  });

  it("the mail providers' image proxies, bots, no User-Agent and HEAD requests", () => {
    expect(machineOpen({ ...later, userAgent: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)' })).toBe('mail_proxy');
    expect(machineOpen({ ...later, userAgent: 'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html' })).toBe('mail_proxy');
    expect(machineOpen({ ...later, userAgent: 'curl/8.5.0' })).toBe('bot_user_agent');
    expect(machineOpen({ ...later, userAgent: null })).toBe('no_user_agent');
    expect(machineOpen({ ...later, method: 'HEAD', userAgent: CHROME })).toBe('head_request');
  });

  it("an open by the recipient's own mail client is theirs, even right after the send", () => {
    expect(machineOpen({ ...later, userAgent: IPHONE_MAIL })).toBeNull();
    expect(machineOpen({ ...later, userAgent: CHROME, sinceMintMs: 1_000 })).toBeNull();
  });
});

describe('machine traffic: clicks', () => {
  it('link scanners by name: Safe Links, Proofpoint, Barracuda, Mimecast', () => {
    for (const ua of ['Microsoft-URLAnalyzer/1.0', 'Mozilla/5.0 SafeLinks', 'Proofpoint URL Defense', 'Mozilla/5.0 (compatible; Barracuda Sentinel)', 'Mimecast URL Protect']) {
      expect(machineClick({ ...later, userAgent: ua }), ua).toBe('link_scanner');
    }
  });

  it('HEAD requests, bots and missing User-Agents', () => {
    expect(machineClick({ ...later, method: 'HEAD', userAgent: CHROME })).toBe('head_request');
    expect(machineClick({ ...later, userAgent: 'python-requests/2.32.3' })).toBe('bot_user_agent');
    expect(machineClick({ ...later, userAgent: '' })).toBe('no_user_agent');
  });

  it(`a browser-looking click within ${SCANNER_CLICK_WINDOW_MS / 1000} s of the send is a scanner's; after that, the recipient's`, () => {
    expect(machineClick({ ...later, userAgent: CHROME, sinceMintMs: SCANNER_CLICK_WINDOW_MS - 1 })).toBe('too_soon');
    expect(machineClick({ ...later, userAgent: CHROME, sinceMintMs: SCANNER_CLICK_WINDOW_MS })).toBeNull();
    expect(machineClick({ ...later, userAgent: IPHONE_MAIL })).toBeNull();
  });

  it(`a click within ${SCANNER_AFTER_OPEN_MS / 1000} s of the same link's open is a scanner fetching images and links together`, () => {
    expect(machineClick({ ...later, userAgent: CHROME, sinceOpenMs: SCANNER_AFTER_OPEN_MS - 1 })).toBe('right_after_open');
    expect(machineClick({ ...later, userAgent: CHROME, sinceOpenMs: SCANNER_AFTER_OPEN_MS })).toBeNull();
  });
});
