import { Logger } from '@nestjs/common';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { DomainError, ServiceUnavailableDomainError } from '@brobygge/core';
import type { GqlContext } from './context';
import { tokenLimitError } from './limits';

/** Codes that GraphQL and Apollo give to a client's own mistakes: passed through as they are. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

const INTERNAL_MESSAGE = 'Something went wrong on our side. It has been logged; quote the requestId if you report it.';

/** PostgreSQL gave up waiting (statement or lock timeout) or no pooled connection came in time. */
const PG_TIMEOUT_CODES = new Set(['57014', '55P03']);
const POOL_TIMEOUT = /timeout exceeded when trying to connect|Connection terminated due to connection timeout/;

function timedOut(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return (typeof e.code === 'string' && PG_TIMEOUT_CODES.has(e.code)) || (typeof e.message === 'string' && POOL_TIMEOUT.test(e.message));
}

function domainErrorOf(error: unknown): DomainError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof DomainError) return current;
    if (timedOut(current)) {
      return new ServiceUnavailableDomainError('The database did not answer in time. Try again in a few seconds.');
    }
    current = (current as { originalError?: unknown; driverError?: unknown }).originalError ?? (current as { driverError?: unknown }).driverError;
  }
  return undefined;
}

/**
 * The one place where failures become `extensions.code`. Domain errors keep their message
 * and code; GraphQL's own client errors pass; anything else is INTERNAL_SERVER_ERROR with
 * no internals (it was logged with the request id by the plugin below).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const domain = domainErrorOf(error) ?? tokenLimitError(formatted);
  if (domain) {
    return {
      message: domain.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: domain.code, ...domain.extensions },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: INTERNAL_MESSAGE,
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

function isUnexpected(error: GraphQLError): boolean {
  const domain = domainErrorOf(error);
  // A timeout is the service's problem, not the client's: log it like any other failure.
  if (domain) return domain instanceof ServiceUnavailableDomainError;
  const code = error.extensions?.code;
  return !(typeof code === 'string' && CLIENT_CODES.has(code));
}

/** Logs unexpected errors with the request id and puts that id on the client's error. */
export function errorLoggingPlugin(): ApolloServerPlugin<GqlContext> {
  const logger = new Logger('GraphQL');
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors.filter(isUnexpected)) {
            const cause = (error.originalError ?? error) as Error;
            logger.error(
              { requestId: contextValue.req?.id, operationName, path: error.path, err: { message: cause.message, stack: cause.stack } },
              'unexpected error in GraphQL request',
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') {
              (error.extensions as Record<string, unknown>).requestId = contextValue.req?.id;
            }
          }
        },
      };
    },
  };
}
