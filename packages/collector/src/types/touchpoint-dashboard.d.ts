// The dashboard's built browser code, provided at build time by dashboard-bundle.mjs (rollup and vitest).
declare module 'virtual:touchpoint-dashboard' {
  /** the dashboard script, one minified IIFE */
  export const DASHBOARD_JS: string;
  /** the dashboard stylesheet */
  export const DASHBOARD_CSS: string;
}
