// The async loader stub: what the pasted snippet (dist/snippet.min.js, built from snippet-global.ts)
// defines, and what the opt-in plugin scripts (vitals-global.ts, widgets-global.ts) go through, so they
// work whether they load before or after touchpoint.min.js. Kept ES5-shaped: the snippet is pasted inline.

/** `window.touchpoint`: the loader stub (queueing its calls in `q`) or, once loaded, the SDK's API. */
export type TouchpointGlobal = ((...args: unknown[]) => unknown) & { q?: IArguments[] };

/**
 * Returns `w.touchpoint` (`w` is `window`), first defining the stub when the SDK has not loaded yet: a function that
 * queues its arguments in `touchpoint.q`, replayed in order by the SDK when it loads (see global.ts).
 */
export function loaderStub(w: Window & { touchpoint?: TouchpointGlobal }): TouchpointGlobal {
  return (w.touchpoint =
    w.touchpoint ||
    function () {
      // eslint-disable-next-line prefer-rest-params
      (w.touchpoint!.q = w.touchpoint!.q || []).push(arguments);
    });
}
