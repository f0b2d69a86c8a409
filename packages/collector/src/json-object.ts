/** A parsed JSON value that is an object (not null, not an array): what the client-API readers accept as a message. */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
