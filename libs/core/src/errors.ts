import { IntrinsicException } from '@nestjs/common';
/**
 * The few domain errors that services throw. They carry no transport detail: the API maps
 * them to GraphQL `extensions.code` in one place, and workers log them.
 */
export type ErrorCode =
  'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'RATE_LIMITED' | 'OPERATION_LIMIT_EXCEEDED' | 'SERVICE_UNAVAILABLE';

/**
 * A client's mistake or a refused action, shown to the client with its code. Extends
 * Nest's IntrinsicException so that Nest does not log it as an unexpected error with a
 * stack (the API's error plugin logs it once, at the right level).
 */
export abstract class DomainError extends IntrinsicException {
  abstract readonly code: ErrorCode;
  /** Extra, client-safe extensions (field, retryAfterSeconds...). */
  readonly extensions: Record<string, unknown> = {};
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'You must be signed in to do this.') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
  constructor(message = 'You do not have the right to do this.') {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(what: string, id?: string) {
    super(id === undefined ? `${what} not found.` : `${what} ${id} not found.`);
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

/** Bad input; `field` is the input path, e.g. `input.capacity`. */
export class InvalidInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
    if (field !== undefined) this.extensions.field = field;
  }
}

export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts. Try again in ${retryAfterSeconds} seconds.`);
    this.extensions.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A GraphQL operation over one of the limits checked before execution (depth, aliases, cost...). */
export class OperationLimitError extends DomainError {
  readonly code = 'OPERATION_LIMIT_EXCEEDED';
  constructor(
    readonly limit: string,
    readonly max: number,
    readonly actual: number,
    message: string,
  ) {
    super(message);
    Object.assign(this.extensions, { limit, max, actual });
  }
}

/** A backing service (Redis, PostgreSQL) did not answer in time: try again shortly. */
export class ServiceUnavailableDomainError extends DomainError {
  readonly code = 'SERVICE_UNAVAILABLE';
  constructor(message: string, retryAfterSeconds = 5) {
    super(message);
    this.extensions.retryAfterSeconds = retryAfterSeconds;
  }
}
