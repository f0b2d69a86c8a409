/** The dashboard's languages. */
export const LANGS = ['en', 'es'] as const;

/** A dashboard language. */
export type Lang = (typeof LANGS)[number];

/** `value` if it is a dashboard language, else `undefined`. */
export function asLang(value: string | null | undefined): Lang | undefined {
  return (LANGS as readonly string[]).includes(value ?? '') ? (value as Lang) : undefined;
}
