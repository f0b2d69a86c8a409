// The async loader snippet, pasted inline before `<script async src=".../touchpoint.min.js">`.
// It defines a stub `touchpoint(...)` that queues its arguments in `touchpoint.q`; the SDK replays the
// queue in order when it loads (see global.ts). Built to dist/snippet.min.js; keep it ES5 and tiny.
(function (w: Window & { touchpoint?: ((...a: unknown[]) => void) & { q?: IArguments[] } }) {
  w.touchpoint =
    w.touchpoint ||
    function () {
      // eslint-disable-next-line prefer-rest-params
      (w.touchpoint!.q = w.touchpoint!.q || []).push(arguments);
    };
})(window);
export {};
