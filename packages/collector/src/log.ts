/** Log levels, most verbose first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A structured logger: one JSON object per line. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
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
 * log.info('listening', { port: 8787 });
 */
export function createLogger(options: { level?: LogLevel; write?: (line: string) => void } = {}): Logger {
  const min = RANK[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const entry = (level: LogLevel) => (msg: string, fields?: Record<string, unknown>) => {
    if (RANK[level] < min && level !== 'error') return;
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
