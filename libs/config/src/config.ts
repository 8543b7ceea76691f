/**
 * The one typed configuration of Brobygge, read from the environment and validated at
 * start-up. Development defaults point at the local services; in production a missing or
 * default secret stops the start with one line naming the variable.
 */
import { z } from 'zod';
import { DEFAULT_FOLLOW_UP_PERIODS, parseFollowUpPeriods } from './follow-up-periods';

export const DEV_JWT_SECRET = 'dev-only-insecure-jwt-secret-change-me';
export const DEV_ADMIN_PASSWORD = 'brobygge-admin-dev';

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${protocols.map((p) => p + '//').join(' or ')}`,
  );

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

/** What is throttled per user (and per IP, at three times the count): it sends e-mail or costs CPU. */
export type ThrottledAction = 'invite' | 'propose' | 'reachOut' | 'message' | 'deleteAccount' | 'exportData' | 'allocation' | 'createOrganization';
export interface Throttle {
  count: number;
  windowSeconds: number;
}
export const DEFAULT_THROTTLES: Record<ThrottledAction, Throttle> = {
  invite: { count: 30, windowSeconds: 3600 },
  propose: { count: 60, windowSeconds: 3600 },
  reachOut: { count: 30, windowSeconds: 3600 },
  message: { count: 60, windowSeconds: 600 },
  deleteAccount: { count: 5, windowSeconds: 900 },
  exportData: { count: 5, windowSeconds: 3600 },
  allocation: { count: 20, windowSeconds: 600 },
  // Each new organisation starts unverified, with its own daily caps: few a day per person.
  createOrganization: { count: 5, windowSeconds: 24 * 3600 },
};

const schema = z.object({
  /** Unset means production: the development secrets work only under development or test. */
  NODE_ENV: z.enum(['development', 'test', 'production']).default('production'),
  PORT: integer(0, 65535).default(3000),
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/brobygge'),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379/0'),
  REDIS_PREFIX: z.string().min(1).default('brobygge'),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().min(3).default('Brobygge <no-reply@brobygge.local>'),
  MAIL_OUTBOX_DIR: z.string().min(1).default('var/outbox'),
  PUBLIC_URL: url(['http:', 'https:']).default('http://localhost:3000'),
  JWT_SECRET: z.string().min(16, 'must be at least 16 characters').default(DEV_JWT_SECRET),
  JWT_TTL_SECONDS: integer(60, 30 * 24 * 3600).default(3600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BOOTSTRAP_ADMIN_EMAIL: z.string().email('must be an e-mail address').default('admin@brobygge.local'),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').default(DEV_ADMIN_PASSWORD),
  RATE_LIMIT_LOGIN_PER_MINUTE: integer(1, 100000).default(10),
  OUTBOX_POLL_MS: integer(10, 60000).default(500),
  REMINDER_HOURS_BEFORE: integer(1, 24 * 30).default(48),
  /** How often the worker completes matches whose end has passed. */
  MATCH_SWEEP_SECONDS: integer(1, 24 * 3600).default(60),
  /** Days after completion when a side that has not given feedback is reminded (once). */
  FEEDBACK_REMINDER_DAYS: integer(1, 365).default(7),
  /** How often the worker closes lapsed requests and archives expired offers. */
  LAPSE_SWEEP_SECONDS: integer(1, 24 * 3600).default(3600),
  /** How often the worker looks for users whose daily or weekly digest is due. */
  DIGEST_SWEEP_SECONDS: integer(1, 24 * 3600).default(900),
  /** The periods of a year the half-year follow-up reports on (follow-up-periods.ts). */
  FOLLOW_UP_PERIODS: z
    .string()
    .transform((v, ctx) => {
      try {
        return parseFollowUpPeriods(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: `must be periods like ${DEFAULT_FOLLOW_UP_PERIODS}: ${(e as Error).message}` });
        return z.NEVER;
      }
    })
    .default(parseFollowUpPeriods(DEFAULT_FOLLOW_UP_PERIODS)),
  /** How often the worker looks for a closed period without its follow-up. */
  FOLLOW_UP_CHECK_SECONDS: integer(1, 24 * 3600).default(3600),
  /** Delivery attempts of one notification before its outbox row is FAILED (with the backoff below: about 12 h). */
  OUTBOX_MAX_ATTEMPTS: integer(1, 1000).default(60),
  /** The first retry delay of a notification (ms); it doubles per attempt up to OUTBOX_BACKOFF_MAX_MS. */
  OUTBOX_BACKOFF_MS: integer(10, 3_600_000).default(2_000),
  /** The longest delay between two delivery attempts (ms). */
  OUTBOX_BACKOFF_MAX_MS: integer(10, 24 * 3_600_000).default(900_000),
  /** An ENQUEUED outbox row whose job has not been seen in BullMQ for this long is enqueued again. */
  OUTBOX_STRANDED_SECONDS: integer(1, 7 * 24 * 3600).default(600),
  /** SMTP: connecting, waiting for the greeting, and silence on an open connection (ms). */
  SMTP_CONNECTION_TIMEOUT_MS: integer(100, 600_000).default(10_000),
  SMTP_GREETING_TIMEOUT_MS: integer(100, 600_000).default(10_000),
  SMTP_SOCKET_TIMEOUT_MS: integer(100, 600_000).default(30_000),
  /** After SIGTERM/SIGINT, the longest the API or the worker takes to finish what it does and exit. */
  SHUTDOWN_TIMEOUT_MS: integer(100, 600_000).default(10_000),
  /** Prometheus /metrics on its own port (docs/operations.md "Metrics"); unset: 9464 for the API, 9465 for the worker; 0: off. */
  METRICS_PORT: integer(0, 65535).optional(),
  /** The address /metrics listens on; 127.0.0.1 keeps it to the machine (a scraper beside it), 0.0.0.0 opens it. */
  METRICS_HOST: z
    .string()
    .regex(/^[0-9A-Za-z.:_-]+$/, 'must be an address to listen on, like 127.0.0.1 or 0.0.0.0')
    .default('127.0.0.1'),
  /** Memory for cached catalogue responses per API process; 0 turns the response cache off. */
  RESPONSE_CACHE_MB: integer(0, 4096).default(64),
  /** An unverified organisation's proposals and invitations per 24 hours (counted from the rows). */
  UNVERIFIED_DAILY_PROPOSALS: integer(0, 10_000_000).default(10),
  UNVERIFIED_DAILY_INVITATIONS: integer(0, 10_000_000).default(5),
  /** Operation limits, checked before execution (docs/decisions.md "Operation limits"). */
  GRAPHQL_MAX_DEPTH: integer(2, 100).default(12),
  GRAPHQL_MAX_ALIASES: integer(0, 1000).default(30),
  GRAPHQL_MAX_DIRECTIVES: integer(0, 1000).default(50),
  GRAPHQL_MAX_TOKENS: integer(100, 100000).default(3000),
  GRAPHQL_MAX_COST: integer(10, 10_000_000).default(20_000),
  /** Schema introspection; off by default in production. */
  GRAPHQL_INTROSPECTION: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** GraphiQL at GET /graphql for a browser, served by the API itself; unset: on only in development. */
  GRAPHQL_IDE: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Throttles, e.g. `propose=60/3600,invite=30/3600` (count per seconds, per user); see docs/decisions.md. */
  RATE_LIMITS: z
    .string()
    .transform((v, ctx) => {
      const out: Partial<Record<ThrottledAction, Throttle>> = {};
      for (const part of v
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)) {
        const m = /^([A-Za-z]+)=(\d+)\/(\d+)$/.exec(part);
        if (!m || !(m[1] in DEFAULT_THROTTLES) || Number(m[2]) < 1 || Number(m[3]) < 1) {
          ctx.addIssue({ code: 'custom', message: `must be a list like propose=60/3600 with actions ${Object.keys(DEFAULT_THROTTLES).join(', ')} (got "${part}")` });
          return z.NEVER;
        }
        out[m[1] as ThrottledAction] = { count: Number(m[2]), windowSeconds: Number(m[3]) };
      }
      return { ...DEFAULT_THROTTLES, ...out };
    })
    .default(DEFAULT_THROTTLES),
  /** PostgreSQL timeouts (ms): every statement, waiting for a row lock, idle in a transaction, waiting for a pooled connection. */
  DB_STATEMENT_TIMEOUT_MS: integer(100, 3_600_000).default(10_000),
  DB_LONG_STATEMENT_TIMEOUT_MS: integer(100, 3_600_000).default(60_000),
  DB_LOCK_TIMEOUT_MS: integer(100, 3_600_000).default(5_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: integer(100, 3_600_000).default(30_000),
  DB_POOL_ACQUIRE_TIMEOUT_MS: integer(100, 600_000).default(5_000),
  DB_POOL_SIZE: integer(1, 1000).default(20),
  /** How long a Redis command on the request path may take before the request is answered SERVICE_UNAVAILABLE. */
  REDIS_COMMAND_TIMEOUT_MS: integer(50, 60_000).default(1_000),
  /**
   * Express's `trust proxy`: unset or `false` when clients connect directly; behind a load
   * balancer the number of proxies (`1`) or their addresses, so that per-IP limits see the
   * client's address rather than the proxy's.
   */
  TRUST_PROXY: z
    .string()
    .transform((v): boolean | number | string => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v))
    .default(false),
  /** Browser origins allowed to call the API (comma-separated, e.g. https://app.example.org); none by default. */
  CORS_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((o) => o === '*' || /^https?:\/\/[^/\s]+$/.test(o)), 'must be a comma-separated list of origins like https://app.example.org')
    .default([]),
});

/** Secrets whose development default must never reach production. */
const SECRETS: Partial<Record<keyof z.input<typeof schema>, string>> = {
  JWT_SECRET: DEV_JWT_SECRET,
  BOOTSTRAP_ADMIN_PASSWORD: DEV_ADMIN_PASSWORD,
};

export type AppConfig = z.output<typeof schema>;

/** A configuration problem: `message` is one line that names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * `secrets: false` is for tools that use neither secret (migrations, the TypeORM CLI):
 * they start whatever NODE_ENV says.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, opts: { secrets?: boolean } = {}): AppConfig {
  // An empty variable means "not set": shells and compose files often export VAR= .
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  // Fail closed: outside development and test (NODE_ENV unset counts as production) the
  // secrets must be set and must not be the development values from this file.
  const mode = input.NODE_ENV ?? 'production';
  if (opts.secrets !== false && mode !== 'development' && mode !== 'test') {
    for (const [key, devDefault] of Object.entries(SECRETS)) {
      const why = input.NODE_ENV === undefined ? 'NODE_ENV is not set (production is assumed; set NODE_ENV=development for local work)' : `NODE_ENV=${mode}`;
      if (input[key] === undefined) throw new ConfigError(`${key} must be set when ${why}`);
      if (input[key] === devDefault) throw new ConfigError(`${key} must not be the development default when ${why}`);
    }
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue.path[0]);
    const shown = key in SECRETS || key.endsWith('_URL') || key === 'RATE_LIMITS' ? '' : ` (got "${input[key]}")`;
    throw new ConfigError(`${key} ${issue.message}${shown}`);
  }
  return parsed.data;
}

/** Where a URL points, without its credentials: for messages about unreachable services. */
export function describeUrl(value: string): string {
  try {
    const u = new URL(value);
    return `${u.protocol}//${u.hostname}${u.port ? ':' + u.port : ''}${u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return '(unparseable URL)';
  }
}
