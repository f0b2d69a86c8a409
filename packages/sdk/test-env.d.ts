// Types of what vitest (vite) adds to the SDK's tests: `?raw` imports a file's text.
declare module '*.md?raw' {
  const text: string;
  export default text;
}
