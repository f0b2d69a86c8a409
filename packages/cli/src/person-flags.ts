import type { PersonRef } from '@touchpoint/collector/reports';
import { UsageError } from './args.js';

/** `--site S` and exactly one of `--user U` / `--anonymous A`, as `person` and `forget` take them. */
export function personFlags(values: { site?: string; user?: string; anonymous?: string }): { site: string; ref: PersonRef } {
  if (!values.site) throw new UsageError('--site is required');
  if ((values.user === undefined) === (values.anonymous === undefined)) throw new UsageError('give exactly one of --user or --anonymous');
  const id = (values.user ?? values.anonymous)!;
  if (id === '') throw new UsageError(`--${values.user !== undefined ? 'user' : 'anonymous'} must not be empty`);
  return { site: values.site, ref: values.user !== undefined ? { user: values.user } : { anonymous: values.anonymous! } };
}
