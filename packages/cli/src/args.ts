import { existsSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BadParam, parseTime } from '@touchpoint/collector/reports';
import { storeOptionsFromFlags } from './store-flags.js';
import { postgresUrl, type StoreOptions } from '@touchpoint/collector';

/** A command-line mistake: the command prints it with its help and exits with status 2. */
export class UsageError extends Error {}

/**
 * `node:util` `parseArgs` (pass `strict`, `tokens` as needed), turning its errors into {@link UsageError}.
 * Tokens serve flags whose meaning depends on order, like `--site a --origin … --site b --origin …`.
 *
 * @example
 * const { values } = parseFlags({ args: argv, strict: true, options: { port: { type: 'string' } } });
 */
export function parseFlags<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Splits repeatable, comma-separated flag values: `['a,b', 'c']` → `['a', 'b', 'c']`. */
export function list(values: string | string[] | undefined): string[] {
  if (values === undefined) return [];
  return (Array.isArray(values) ? values : [values]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** An integer flag within bounds, or `undefined` when absent; a precise {@link UsageError} otherwise. */
export function intFlag(name: string, value: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const range = max < Number.MAX_SAFE_INTEGER ? `from ${min} to ${max}` : `≥ ${min}`;
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer ${range}, got "${value}"`);
  return n;
}

/**
 * A time flag (`--from`, `--to`): ms since epoch, `YYYY-MM-DD` or an ISO date-time, read as the admin API
 * reads it (`parseTime`): a bare date is UTC midnight, and as `--to` (exclusive) it includes that whole day.
 */
export function timeFlag(name: 'from' | 'to', value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  try {
    return parseTime(value, name);
  } catch (err) {
    throw err instanceof BadParam ? new UsageError(`--${err.message}`) : err;
  }
}

/** {@link storeOptionsFromFlags}, its bad values reported as a {@link UsageError} (exit 2 with help). */
export function storeFlags(values: Parameters<typeof storeOptionsFromFlags>[0]): StoreOptions {
  try {
    return storeOptionsFromFlags(values);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/**
 * The store options of a command that only reads: a SQLite file that does not exist is a mistyped
 * `--db` — opening it would create an empty database and report zeros — so it is refused.
 */
export function readStoreFlags(values: Parameters<typeof storeOptionsFromFlags>[0]): StoreOptions {
  const options = storeFlags(values);
  const file = options.db ?? './touchpoint.db';
  if (!postgresUrl(options) && !options.stream && file !== ':memory:' && !existsSync(file)) {
    throw new UsageError(`--db ${file}: no such database (a read command never creates one; check the path, or start \`serve --db ${file}\` to create it)`);
  }
  return options;
}

/**
 * Runs a command body, turning a {@link UsageError} into the message plus help on stderr (exit 2) and
 * any other error into its message (exit 1) — start-up failures are one clear line, not a stack.
 */
export async function runCommand(name: string, help: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`touchpoint-collector ${name}: ${err.message}\n\n${help}`);
      return 2;
    }
    console.error(`touchpoint-collector ${name}: ${(err as Error).message}`);
    return 1;
  }
}
