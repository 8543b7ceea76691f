import type { RequestHandler } from 'express';
import cors from 'cors';
import helmet from 'helmet';
import type { AppConfig } from '@brobygge/config';

/**
 * HTTP basics for every route: helmet's headers (nosniff, frame-ancestors/X-Frame-Options
 * DENY, Referrer-Policy no-referrer, HSTS, no X-Powered-By...) and CORS only for the
 * browser origins in CORS_ORIGINS (none by default). The JSON API needs no scripts, so
 * the content security policy is the strict default; bull-board's page gets its own.
 */
export function httpHardening(config: AppConfig): RequestHandler[] {
  const api = helmet({ frameguard: { action: 'deny' }, referrerPolicy: { policy: 'no-referrer' } });
  const dashboard = helmet({
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] } },
  });
  const origins = config.CORS_ORIGINS;
  const corsHandler = cors({
    origin: origins.includes('*') ? '*' : origins.length ? origins : false,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id', 'accept-language'],
    exposedHeaders: ['x-request-id', 'x-brobygge-cache', 'retry-after'],
    maxAge: 600,
  });
  return [(req, res, next) => (req.path.startsWith('/admin/') ? dashboard : api)(req, res, next), corsHandler];
}
