import type { RequestHandler } from 'express';
import cors from 'cors';
import helmet from 'helmet';
import type { AppConfig } from '@brobygge/config';
import { IDE_PREFIX, ideEnabled } from '../graphql/ide';

/**
 * HTTP basics for every route: helmet's headers (nosniff, frame-ancestors/X-Frame-Options
 * DENY, Referrer-Policy no-referrer, HSTS, no X-Powered-By...) and CORS only for the
 * browser origins in CORS_ORIGINS (none by default). The JSON API needs no scripts, so
 * the content security policy is the strict default; bull-board's page and GraphiQL get their own.
 */
export function httpHardening(config: AppConfig): RequestHandler[] {
  const api = helmet({ frameguard: { action: 'deny' }, referrerPolicy: { policy: 'no-referrer' } });
  const dashboard = helmet({
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] } },
  });
  // GraphiQL (development, apps/api/src/graphql/ide.ts): its own files only, Monaco's workers,
  // inline styles; plain http on any host (no upgrade-insecure-requests).
  const ide = ideEnabled(config)
    ? helmet({
        frameguard: { action: 'deny' },
        referrerPolicy: { policy: 'no-referrer' },
        contentSecurityPolicy: {
          directives: {
            'script-src': ["'self'"],
            'worker-src': ["'self'", 'blob:'],
            'style-src': ["'self'", "'unsafe-inline'"],
            'img-src': ["'self'", 'data:'],
            'font-src': ["'self'", 'data:'],
            'upgrade-insecure-requests': null,
          },
        },
      })
    : api;
  const pick = (path: string) => (path.startsWith('/admin/') ? dashboard : path === '/graphql' || path.startsWith(`${IDE_PREFIX}/`) ? ide : api);
  const origins = config.CORS_ORIGINS;
  const corsHandler = cors({
    origin: origins.includes('*') ? '*' : origins.length ? origins : false,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id', 'accept-language'],
    exposedHeaders: ['x-request-id', 'x-brobygge-cache', 'retry-after'],
    maxAge: 600,
  });
  // originalUrl: under Nest's middleware mount, req.path is relative ('/'), which had kept the
  // dashboard on the strict policy too.
  return [(req, res, next) => pick(req.originalUrl.split('?')[0])(req, res, next), corsHandler];
}
