import { describe, expect, it } from 'vitest';
import { parseUserAgent } from './user-agent.js';

describe('parseUserAgent', () => {
  it('reads browser, OS and desktop device from a desktop Chrome UA', () => {
    expect(parseUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36')).toEqual({ browser: 'Chrome', os: 'Windows', device: 'desktop', isBot: false });
  });
  it('reads an iPhone as mobile and an iPad as tablet', () => {
    expect(parseUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1')).toMatchObject({ browser: 'Mobile Safari', os: 'iOS', device: 'mobile' });
    expect(parseUserAgent('Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1')).toMatchObject({ device: 'tablet' });
  });
  it('flags crawlers and headless browsers as bots', () => {
    expect(parseUserAgent('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)').isBot).toBe(true);
    expect(parseUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36').isBot).toBe(true);
    expect(parseUserAgent('curl/8.5.0').isBot).toBe(true);
  });
  it('gives nulls, not a bot flag, without a User-Agent', () => {
    expect(parseUserAgent(undefined)).toEqual({ browser: null, os: null, device: null, isBot: false });
  });
});
