import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from './config';
import { traceFields, tracingRequested } from './tracing';

/** Paths that never reach a log line: credentials, tokens, cookies. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.accessToken',
  'variables.password',
  'variables.input.password',
  'variables.token',
];

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

const MASK = '[redacted]';
/** Query parameters whose values are credentials, on every route. */
const SECRET_PARAM = /token|secret|password|passwd|api[-_]?key|signature/i;
/** Paths whose last segment is a credential: the calendar feed (`/calendar/<token>.ics`). */
const SECRET_PATH = /^(\/calendar\/)[^/]*?(\.ics)?$/i;
/** Any other path segment that looks like a random secret (32+ base64url characters, not a UUID). */
const TOKEN_SEGMENT = /^[A-Za-z0-9_-]{32,}(\.[A-Za-z0-9]{1,8})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function maskSegment(segment: string): string {
  if (!TOKEN_SEGMENT.test(segment) || UUID.test(segment.replace(/\.[^.]*$/, ''))) return segment;
  const dot = segment.lastIndexOf('.');
  return dot > 0 ? `${MASK}${segment.slice(dot)}` : MASK;
}

function maskPath(path: string): string {
  return SECRET_PATH.test(path)
    ? path.replace(SECRET_PATH, (_all, prefix: string, ext?: string) => `${prefix}${MASK}${ext ?? ''}`)
    : path.split('/').map(maskSegment).join('/');
}

function maskQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // a malformed name stays as it is; its value is judged by the raw name
      }
      return eq >= 0 && SECRET_PARAM.test(decoded) ? `${name}=${MASK}` : pair;
    })
    .join('&');
}

/**
 * A URL as it may be logged: the calendar token in the path, any other path segment that
 * looks like a random secret, and the value of every `token=` (or secret, password, …)
 * query parameter are replaced by `[redacted]`.
 */
export function maskUrl(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? maskPath(url) : `${maskPath(url.slice(0, q))}?${maskQuery(url.slice(q + 1))}`;
}

function maskRecord(record: unknown, secretValues: boolean): unknown {
  if (!record || typeof record !== 'object') return record;
  return Object.fromEntries(
    Object.entries(record as Record<string, unknown>).map(([key, value]) => [
      key,
      SECRET_PARAM.test(key) || (secretValues && typeof value === 'string' && maskSegment(value) !== value) ? MASK : value,
    ]),
  );
}

/**
 * pino-http's request serializer gets the standard shape (id, method, url, query, params,
 * headers, …); the URL, the parsed query and the route parameters are masked, on a copy
 * (the live request is not touched). Every line logged during a request carries this `req`.
 */
export function maskRequest(req: Record<string, unknown>): Record<string, unknown> {
  const url = typeof req.url === 'string' ? req.url : '';
  const secretRoute = SECRET_PATH.test(url.split('?')[0]);
  return {
    ...req,
    url: url ? maskUrl(url) : req.url,
    query: maskRecord(req.query, false),
    params:
      secretRoute && req.params && typeof req.params === 'object' ? Object.fromEntries(Object.keys(req.params).map((key) => [key, MASK])) : maskRecord(req.params, true),
  };
}

/**
 * nestjs-pino settings: JSON in production, readable in development, one request id per
 * request (taken from a sane `x-request-id` header or made here, echoed back).
 */
export function loggerParams(config: AppConfig, name: string): Params {
  const pretty = config.NODE_ENV === 'development' && process.stdout.isTTY;
  return {
    pinoHttp: {
      name,
      level: config.LOG_LEVEL,
      redact: { paths: REDACTED_PATHS, censor: MASK },
      serializers: { req: maskRequest },
      // With tracing on, every line logged inside a trace carries its trace_id and span_id.
      mixin: tracingRequested() ? traceFields : undefined,
      transport: pretty ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss' } } : undefined,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
    },
  };
}
