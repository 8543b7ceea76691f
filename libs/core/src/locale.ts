/** The languages Brobygge speaks. Stored lower-case; the GraphQL enum is upper-case. */
export const LOCALES = ['sv', 'da', 'nb', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
