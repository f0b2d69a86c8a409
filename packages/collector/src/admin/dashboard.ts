import { DASHBOARD_CSS, DASHBOARD_JS } from 'virtual:touchpoint-dashboard';
import { DASHBOARD_HTML } from './dashboard-page.js';

/**
 * The dashboard's Content-Security-Policy: only its own script and stylesheet, API calls to the same
 * origin, no inline code, no frames, no plugins — so even a value that slipped past escaping could not run.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// The script and stylesheet are built from src/dashboard by dashboard-bundle.mjs (TypeScript browser modules).
const ASSETS: Record<string, { type: string; body: string }> = {
  '/dashboard': { type: 'text/html; charset=utf-8', body: DASHBOARD_HTML },
  '/dashboard/': { type: 'text/html; charset=utf-8', body: DASHBOARD_HTML },
  '/dashboard/shared': { type: 'text/html; charset=utf-8', body: DASHBOARD_HTML },
  '/dashboard/app.js': { type: 'text/javascript; charset=utf-8', body: DASHBOARD_JS },
  '/dashboard/app.css': { type: 'text/css; charset=utf-8', body: DASHBOARD_CSS },
};

/** The dashboard file served at `path`, or `undefined`. */
export function dashboardAsset(path: string): { type: string; body: string } | undefined {
  return Object.prototype.hasOwnProperty.call(ASSETS, path) ? ASSETS[path] : undefined;
}
