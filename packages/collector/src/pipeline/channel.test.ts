import { describe, expect, it } from 'vitest';
import { classifyChannel } from './channel.js';

describe('classifyChannel', () => {
  it.each([
    [{}, 'direct'],
    [{ referrer: 'https://shop.test/cart', url: 'https://shop.test/checkout' }, 'direct'],
    [{ referrer: 'https://www.google.com/' }, 'organic_search'],
    [{ referrer: 'https://www.google.co.uk/' }, 'organic_search'],
    [{ referrer: 'https://duckduckgo.com/' }, 'organic_search'],
    [{ referrer: 'https://search.brave.com/search?q=x' }, 'organic_search'],
    [{ referrer: 'https://l.facebook.com/' }, 'social'],
    [{ referrer: 'https://t.co/abc' }, 'social'],
    [{ referrer: 'https://www.linkedin.com/feed' }, 'social'],
    [{ referrer: 'https://mail.google.com/' }, 'email'],
    [{ referrer: 'https://blog.example.org/post' }, 'referral'],
    [{ campaign: { source: 'google', medium: 'cpc' } }, 'paid_search'],
    [{ campaign: { source: 'facebook', medium: 'cpc' } }, 'paid_social'],
    [{ campaign: { source: 'meta', medium: 'paid_social' } }, 'paid_social'],
    [{ campaign: { source: 'newsletter', medium: 'email' } }, 'email'],
    [{ campaign: { source: 'partner-x', medium: 'affiliate' } }, 'affiliate'],
    [{ campaign: { source: 'adnet', medium: 'display' } }, 'display'],
    [{ campaign: { source: 'twitter', medium: 'social' } }, 'social'],
    [{ campaign: { clickIdParam: 'gclid', clickId: 'x', network: 'google' } }, 'paid_search'],
    [{ campaign: { clickIdParam: 'msclkid', clickId: 'x', network: 'microsoft' } }, 'paid_search'],
    [{ campaign: { clickIdParam: 'ttclid', clickId: 'x', network: 'tiktok' } }, 'paid_social'],
    [{ campaign: { clickIdParam: 'dclid', clickId: 'x', network: 'google' } }, 'display'],
    // Facebook adds fbclid to organic outbound links too.
    [{ campaign: { clickIdParam: 'fbclid', clickId: 'x', network: 'meta' } }, 'social'],
    // UTM beats the referrer: an email link opened in webmail still counts as email.
    [{ campaign: { source: 'news', medium: 'email' }, referrer: 'https://www.google.com/' }, 'email'],
    [{ campaign: { source: 'weird', medium: 'zzz' } }, 'other'],
  ] as const)('%j → %s', (input, channel) => {
    expect(classifyChannel(input)).toBe(channel);
  });
});
