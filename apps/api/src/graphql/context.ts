import type { Request, Response } from 'express';
import { isLocale, Locale } from '@brobygge/core';
import type { Actor } from '@brobygge/identity';
import type { Loaders } from './loaders';

/** What every resolver gets: the request, the viewer (lazily, once), per-request DataLoaders. */
export interface GqlContext {
  req: Request;
  res: Response;
  /**
   * The signed-in viewer or null; UNAUTHENTICATED when a token was sent but is not valid.
   * Calling it marks the answer as personal: it is never stored in the response cache.
   */
  viewer: () => Promise<Actor>;
  /**
   * The same viewer, for a resolver whose answer does not depend on who is asking beyond
   * being signed in (public catalogue lists): does not mark the answer personal.
   */
  publicViewer: () => Promise<Actor>;
  /** The viewer's locale when signed in, else the Accept-Language, else English. */
  locale: () => Promise<Locale>;
  hasToken: () => boolean;
  /** The database's cache version, read once per request (libs/database CacheVersion). */
  cacheVersion: () => Promise<string>;
  /** What the response cache needs to know about this request (response-cache.ts). */
  cache: { cacheable: boolean; personal: boolean };
  ip: string;
  loaders: Loaders;
  /** Set by register/login: the account just signed in to, whose own fields the payload shows. */
  signedInAs?: string;
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

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? m[1] : header; // a malformed header is treated as a bad token, not as anonymous
}
