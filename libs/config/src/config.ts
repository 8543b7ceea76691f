/**
 * The one typed configuration of Brobygge, read from the environment and validated at
 * start-up. Development defaults point at the local services; in production a missing or
 * default secret stops the start with one line naming the variable.
 */
import { z } from 'zod';

export const DEV_JWT_SECRET = 'dev-only-insecure-jwt-secret-change-me';
export const DEV_ADMIN_PASSWORD = 'brobygge-admin-dev';

const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.map((p) => p + '//').join(' or ')}`);

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
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
  /** Memory for cached catalogue responses per API process; 0 turns the response cache off. */
  RESPONSE_CACHE_MB: integer(0, 4096).default(64),
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable means "not set": shells and compose files often export VAR= .
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  if (input.NODE_ENV === 'production') {
    for (const [key, devDefault] of Object.entries(SECRETS)) {
      if (input[key] === undefined) throw new ConfigError(`${key} must be set when NODE_ENV=production`);
      if (input[key] === devDefault)
        throw new ConfigError(`${key} must not be the development default when NODE_ENV=production`);
    }
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue.path[0]);
    const shown = key in SECRETS || key.endsWith('_URL') ? '' : ` (got "${input[key]}")`;
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
