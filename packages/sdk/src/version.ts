/** Library name and version sent in every event's `sdk` field (kept equal to package.json by a test). */
export const SDK = { name: '@touchpoint/sdk', version: '0.1.0' };
