import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { maskUrl } from '@brobygge/config';
import { DomainError, ErrorCode } from '@brobygge/core';

const STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  OPERATION_LIMIT_EXCEEDED: 400,
  SERVICE_UNAVAILABLE: 503,
};

/**
 * The one error shape of every plain HTTP endpoint: the status, and
 * `{ error: { code, message, ...extensions } }` with GraphQL's codes and words.
 */
export function sendDomainError(res: Response, error: DomainError): void {
  if (error.code === 'UNAUTHENTICATED') res.setHeader('WWW-Authenticate', 'Bearer');
  const retry = error.extensions.retryAfterSeconds;
  if (typeof retry === 'number') res.setHeader('Retry-After', String(retry));
  res.status(STATUS[error.code]).json({ error: { code: error.code, message: error.message, ...error.extensions } });
}

/**
 * For the plain HTTP endpoints (CSV report, calendar feed): domain errors become their
 * HTTP status with `{ error: { code, message, field? } }` — the same codes and words as
 * GraphQL's extensions; anything else is a 500 with no internals, logged with the request id.
 */
@Catch()
export class DomainErrorHttpFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    if (error instanceof DomainError) {
      sendDomainError(res, error);
      return;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      res.status(status).json({ error: { code: status === 404 ? 'NOT_FOUND' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR', message: error.message } });
      return;
    }
    this.logger.error(
      { requestId: req.id, path: maskUrl(req.path), err: { message: (error as Error)?.message, stack: (error as Error)?.stack } },
      'unexpected error in HTTP request',
    );
    res.status(500).json({
      error: {
        code: 'INTERNAL_SERVER_ERROR',
        message: 'Something went wrong on our side. It has been logged; quote the requestId if you report it.',
        requestId: req.id,
      },
    });
  }
}
