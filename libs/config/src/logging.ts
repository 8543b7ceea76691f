import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from './config';

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
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
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
