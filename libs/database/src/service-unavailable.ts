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

const PG_START = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';

/** PostgreSQL at `where` did not answer: the one line that says how to start it. */
export function postgresUnavailable(where: string, cause: string): ServiceUnavailableError {
  const missingDb = /database "([^"]+)" does not exist/.exec(cause);
  const hint = missingDb ? `create it with: npm run migrate (or createdb -h 127.0.0.1 -U postgres ${missingDb[1]})` : `start it with: ${PG_START} (or set DATABASE_URL)`;
  return new ServiceUnavailableError('PostgreSQL', where, cause, hint);
}
