// Launches the machine's Chromium for real-browser tests (playwright-core, no bundled browsers).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Path of the Chromium binary: `TOUCHPOINT_CHROMIUM`, default /usr/bin/chromium. */
export const CHROMIUM = process.env.TOUCHPOINT_CHROMIUM || '/usr/bin/chromium';

/**
 * Starts headless Chromium; throws a clear error when the binary is missing (tests fail, never skip).
 * @example
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it or set TOUCHPOINT_CHROMIUM`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}
