import type { Request, Response } from 'express';
import { isLocale, Locale } from '@brobygge/core';
import type { Loaders } from './loaders';

/** What every resolver gets: the request, the viewer's locale, per-request DataLoaders. */
export interface GqlContext {
  req: Request;
  res: Response;
  locale: Locale;
  loaders: Loaders;
}

/** The first supported language of an Accept-Language header, else English. */
export function localeFromHeader(header: string | undefined): Locale {
  for (const part of (header ?? '').split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase();
    const primary = tag.split('-')[0];
    if (isLocale(primary)) return primary;
    if (primary === 'no' || primary === 'nn') return 'nb';
  }
  return 'en';
}
