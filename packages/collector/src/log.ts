/** Log levels, most verbose first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * One level's method, in the order pino and bunyan use: fields first, then the message — so an
 * application's pino or bunyan logger is a {@link Logger} as it is.
 */
export interface LogFn {
  (fields: Record<string, unknown>, msg: string): void;
  (msg: string): void;
}

/**
 * A structured logger: the collector's own JSON lines ({@link createLogger}), or the pino or bunyan
 * logger an embedding application already has, passed as it is.
 */
export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Creates a logger writing one JSON line per entry (`{"time","level","msg",...fields}`), dropping entries
 * below `level`. Errors are always written.
 *
 * @param options.level - lowest level written (default `info`; requests are logged at `debug`)
 * @param options.write - line sink (default: stderr)
 * @example
 * const log = createLogger({ level: 'debug' });
 * log.info({ port: 8787 }, 'listening');
 */
export function createLogger(options: { level?: LogLevel; write?: (line: string) => void } = {}): Logger {
  const min = RANK[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const entry =
    (level: LogLevel): LogFn =>
    (first: Record<string, unknown> | string, second?: string) => {
      if (RANK[level] < min && level !== 'error') return;
      const [fields, msg] = typeof first === 'string' ? [undefined, first] : [first, second ?? ''];
      try {
        write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
      } catch {
        // A field that cannot be serialised (cycle, BigInt) must not take the request down with it.
        write(JSON.stringify({ time: new Date().toISOString(), level, msg }));
      }
    };
  return { debug: entry('debug'), info: entry('info'), warn: entry('warn'), error: entry('error') };
}

/** A logger that writes nothing (tests, embedding without logs). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
