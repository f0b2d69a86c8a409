/**
 * `@touchpoint/collector` — the reference Touchpoint collector.
 * @packageDocumentation
 */
export type * from './store/types';
export { MIGRATIONS } from './store/migrations';
