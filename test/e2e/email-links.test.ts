// E-mail links in real Chromium (issue 21): a click on a minted link is stored, redirects to the landing
// page, the SDK takes the token out of the address bar before its one page view, and the browser's
// touchpoints carry the verified claim joining it to the recipient. Tampered, expired and off-site links
// are refused on the collector's own page, never redirected.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signEmailLink } from '@touchpoint/collector/email';
import { saveArtifacts, recordPage } from './support/artifacts';
import { launchChromium } from './support/chromium';
import { eventually } from './support/collector-process';
import { E2E_KEYS, identityCollector, type IdentityCollector } from './support/identity-collector';
import { FIXTURES, SDK_DIST, serveStatic, type StaticServer } from './support/static-server';

const SITE = 'e2e-email';
// Headless Chromium says "HeadlessChrome", which the bot rule flags: a recipient's browser does not.
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
let browser: Browser;
let shop: StaticServer;
let collector: IdentityCollector;
let context: BrowserContext | undefined;
let page: Page | undefined;
const log: string[] = [];

beforeAll(async () => {
  shop = await serveStatic({ '/': FIXTURES, '/sdk/': SDK_DIST });
  collector = await identityCollector({ site: SITE, origins: [shop.url] });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await shop?.close();
});
afterEach(async (ctx) => {
  log.push('written: ' + JSON.stringify(collector.written.map((r) => [r.name, r.anonymousId, r.userId, r.linkTo ?? null])));
  await saveArtifacts(`email-links-${ctx.task.name.replace(/\W+/g, '-').slice(0, 60)}`, page, log);
  await context?.close();
});

const landing = () => `${shop.url}/sdk-identity.html?collector=${encodeURIComponent(`${collector.url}/v1/touchpoints`)}&site=${SITE}`;
async function newPage(): Promise<Page> {
  context = await browser.newContext({ userAgent: UA });
  page = await context.newPage();
  recordPage(page, log);
  return page;
}

describe('e-mail links in Chromium', () => {
  it('click → stored email_click → 302 → landing: the token leaves the address bar, one page view, and the browser joins the recipient', async () => {
    const minted = await collector.links.mint({ site: SITE, campaign: 'winter-sale', userId: 'recipient-7', destination: landing() });
    collector.advance(60_000); // a person clicks a minute after the send, not within the scanner window
    const p = await newPage();
    const response = await p.goto(minted.clickUrl);
    expect(response!.status()).toBe(200);
    expect(response!.request().redirectedFrom()?.url()).toBe(minted.clickUrl);
    await p.waitForFunction(() => typeof (window as any).touchpoint?.tag === 'function');
    const landed = new URL(p.url());
    expect(landed.origin).toBe(shop.url);
    expect(landed.searchParams.get('tp_link')).toBeNull();
    expect(Object.fromEntries([...landed.searchParams].filter(([k]) => k.startsWith('utm_')))).toEqual({ utm_source: 'email', utm_medium: 'email', utm_campaign: 'winter-sale' });
    await p.evaluate(() => (window as any).touchpoint.tag('after_landing'));
    await p.evaluate(() => (window as any).touchpoint.flush());
    const browserEvents = () => collector.written.filter((r) => r.anonymousId !== null);
    await eventually(() => browserEvents().some((r) => r.name === 'after_landing'), 15_000, () => JSON.stringify(browserEvents().map((r) => r.name)));
    await new Promise((r) => setTimeout(r, 600)); // a second page view would have arrived by now

    const click = collector.written.filter((r) => r.name === 'email_click');
    expect(click.map((r) => [r.userId, r.anonymousId, r.channel, r.utmCampaign, r.isBot])).toEqual([['recipient-7', null, 'email', 'winter-sale', false]]);
    const events = browserEvents();
    expect(events.filter((r) => r.name === 'page_view')).toHaveLength(1);
    const anonymousIds = new Set(events.map((r) => r.anonymousId));
    expect(anonymousIds.size).toBe(1);
    // The claim goes with the first touchpoint only, verified: the recipient's user id, never the token itself.
    const claimed = events.filter((r) => r.linkTo);
    expect(claimed).toHaveLength(1);
    expect(claimed[0]!.linkTo).toEqual({ via: 'email', userId: 'recipient-7' });
    expect(claimed[0]!.channel).toBe('email');
    for (const r of events) {
      expect(r.data).not.toContain('tp_link');
      expect(JSON.parse(r.data)).not.toHaveProperty('link');
      expect(r.url).not.toContain('tp_link');
    }
  });

  it('tampered, expired, off-site and unknown-key links: a plain refusal on the collector, no redirect, nothing stored', async () => {
    const minted = await collector.links.mint({ site: SITE, campaign: 'refused', userId: 'recipient-8', destination: landing(), expiresAt: Date.now() + 86_400_000 * 2 });
    const token = minted.clickUrl.split('/').pop()!;
    const [payload, sig] = token.split('.');
    const fields = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    fields[7] = 'https://evil.example/';
    const tampered = `${collector.url}/email/click/${Buffer.from(JSON.stringify(fields)).toString('base64url')}.${sig}`;
    const offSite = `${collector.url}/email/click/${signEmailLink(E2E_KEYS, { site: SITE, ref: fields[3], campaign: 'refused', kind: 'click', expiresAt: Date.now() + 86_400_000, destination: 'https://evil.example/' })}`;
    const otherKey = `${collector.url}/email/click/${signEmailLink({ keys: [{ id: 'old', secret: 'o'.repeat(32) }], signWith: 'old' }, { site: SITE, ref: fields[3], campaign: 'refused', kind: 'click', expiresAt: Date.now() + 86_400_000, destination: landing() })}`;
    collector.advance(60_000);
    const before = collector.written.length;
    const p = await newPage();
    const visited: string[] = [];
    p.on('request', (r) => visited.push(r.url()));
    for (const [what, url, status, text] of [
      ['tampered', tampered, 400, 'This link is not valid.'],
      ['off-site destination', offSite, 400, 'This link is not valid.'],
      ['unknown key', otherKey, 400, 'This link is not valid.'],
    ] as const) {
      const res = await p.goto(url);
      expect(res!.status(), what).toBe(status);
      expect(p.url(), what).toBe(url);
      expect((await p.textContent('body'))?.trim(), what).toBe(text);
    }
    collector.advance(3 * 86_400_000); // past the link's expiry
    const expired = await p.goto(minted.clickUrl);
    expect([expired!.status(), p.url(), (await p.textContent('body'))?.trim()]).toEqual([410, minted.clickUrl, 'This link has expired.']);
    expect(visited.filter((u) => !u.startsWith(collector.url))).toEqual([]);
    expect(collector.written.length).toBe(before);
  });
});
