/** The languages Brobygge speaks. Stored lower-case; the GraphQL enum is upper-case. */
export const LOCALES = ['sv', 'da', 'nb', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The language of a country's people (ISO 3166-1 alpha-2): SE sv, DK da, NO nb; English elsewhere. */
export function localeOfCountry(countryCode: string | null | undefined): Locale {
  switch (countryCode?.toUpperCase()) {
    case 'SE':
      return 'sv';
    case 'DK':
      return 'da';
    case 'NO':
      return 'nb';
    default:
      return 'en';
  }
}
