/**
 * Calls `fn` with `window[name]` once it exists: chat widgets load asynchronously, often after the SDK.
 * Looks every 500 ms for 60 s, then gives up quietly (the widget is not on this page).
 * Returns a function that stops looking.
 */
export function whenGlobal<T = unknown>(name: string, fn: (g: T) => void): () => void {
  let tries = 120;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const look = () => {
    const g = (window as unknown as Record<string, T | undefined>)[name];
    if (g) fn(g);
    else if (tries--) timer = setTimeout(look, 500);
  };
  look();
  return () => clearTimeout(timer);
}
