/**
 * A backing service (PostgreSQL, Redis) that cannot be reached at start-up. Its message is
 * one line: which service, where we looked, and how to start it.
 */
export class ServiceUnavailableError extends Error {
  override readonly name = 'ServiceUnavailableError';
  constructor(service: string, where: string, cause: string, hint: string) {
    super(`${service} is not reachable at ${where} (${cause.split('\n')[0]}); ${hint}`);
  }
}
