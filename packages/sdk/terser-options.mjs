// How the script-tag builds are minified; shared by rollup.config.mjs and scripts/size-parts.mjs, which
// must minify exactly as the builds do.
// Only `_`-prefixed internals may be mangled: names on the wire or in storage never start with `_`.
export const TERSER_OPTIONS = {
  ecma: 2020,
  toplevel: true,
  compress: { passes: 5, keep_fargs: false, pure_getters: true, unsafe: true, unsafe_arrows: true, unsafe_methods: true, unsafe_comps: true },
  mangle: { properties: { regex: /^_/ } },
  format: { comments: false, wrap_func_args: false },
};
