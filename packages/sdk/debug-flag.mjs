// The compile-time flag of the SDK's builds, shared by rollup.config.mjs and the size scripts: `__DEBUG__`
// in the sources (src/messages.ts) becomes `true` in the debug builds and `false` in production, so
// rollup and terser drop the debug branches and the message table. Runs after TypeScript.
/** Rollup plugin replacing `__DEBUG__` by `debug`. */
export const debugFlag = (debug) => ({
  name: 'debug-flag',
  transform: (code) => (code.includes('__DEBUG__') ? { code: code.replace(/\b__DEBUG__\b/g, String(debug)), map: null } : null),
});
