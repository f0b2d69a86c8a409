/** `JSON.stringify` under a name the minifier can shorten: the SDK sizes and copies everything with it. */
export const stringify = JSON.stringify;
