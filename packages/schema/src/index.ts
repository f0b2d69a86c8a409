/**
 * `@touchpoint/schema` — the contract shared by the Touchpoint SDK and collector: the event envelope,
 * touchpoint names, journey stages, campaign parameters, limits and the validator. No DOM, no Node.
 * @packageDocumentation
 */
export * from './envelope';
export * from './names';
export * from './stages';
export * from './campaign';
export * from './limits';
export * from './validate';
export type * from './properties';
