import { ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';

/**
 * Requests that fail before any controller or resolver runs — a body that is not valid
 * JSON, a body over the size limit, an unknown route — answer in the shape the client
 * speaks: `{ errors: [{ message, extensions: { code } }] }` on /graphql, the REST shape
 * `{ error: { code, message } }` elsewhere (domain-error.filter.ts). Never Nest's default
 * body, never a stack. Errors inside resolvers are left to GraphQL's own formatting, and
 * the answers controllers give on purpose (the health check's 503 with its details) to Nest.
 */
@Catch(HttpException)
export class MalformedRequestFilter extends BaseExceptionFilter {
  override catch(error: HttpException, host: ArgumentsHost): unknown {
    if (host.getType() !== 'http') return error;
    if (!isMalformedRequest(error)) {
      super.catch(error, host);
      return undefined;
    }
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const status = error.getStatus();
    const code = codeOf(status);
    const message = messageOf(error, status);
    if (req.path === '/graphql' || req.path.startsWith('/graphql/')) {
      res.status(status).json({ errors: [{ message, extensions: { code } }] });
    } else {
      res.status(status).json({ error: { code, message } });
    }
    return undefined;
  }
}

/** What fails before routing: the body parsers (bad JSON, too large) and a route that does not exist. */
function isMalformedRequest(error: HttpException): boolean {
  const status = error.getStatus();
  const cause = (error.cause ?? {}) as { type?: string };
  if (status === 413 || error.cause instanceof SyntaxError || (typeof cause.type === 'string' && cause.type.startsWith('entity.'))) return true;
  return status === 404 && /^Cannot [A-Z]+ /.test(error.message);
}

function codeOf(status: number): string {
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  return status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
}

function messageOf(error: HttpException, status: number): string {
  const cause = (error.cause ?? {}) as { type?: string };
  if (error.cause instanceof SyntaxError || cause.type === 'entity.parse.failed' || /JSON/.test(error.message)) {
    return 'The request body is not valid JSON: send a JSON object such as {"query": "{ __typename }"} with content-type: application/json.';
  }
  if (status === 413) return 'The request body is too large.';
  if (status >= 500) return 'Something went wrong on our side.';
  return error.message;
}
