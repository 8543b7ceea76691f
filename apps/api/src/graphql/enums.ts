import { registerEnumType } from '@nestjs/graphql';

/** GraphQL's Locale (SV, DA, NB, EN) carries the stored lower-case code as its value. */
export enum LocaleEnum {
  SV = 'sv',
  DA = 'da',
  NB = 'nb',
  EN = 'en',
}
registerEnumType(LocaleEnum, { name: 'Locale' });
