/**
 * `@touchpoint/schema` — the contract shared by the Touchpoint SDK and collector: the event envelope,
 * touchpoint names, journey stages, campaign parameters, limits and the validator. No DOM, no Node.
 * @packageDocumentation
 */
export * from './envelope.js';
export * from './names.js';
export * from './stages.js';
export * from './campaign.js';
export * from './limits.js';
export * from './landing-page.js';
export * from './validate.js';
export type * from './properties.js';
