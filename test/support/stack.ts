/**
 * The private stack of one e2e file: its own database (cloned from the migrated
 * template), its own Redis key prefix, optionally an SMTP peer, the API on a free port
 * and a worker. Nothing is mocked: Postgres, Redis and SMTP are real.
 */
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { APP_CONFIG, AppConfig, loadConfig } from '@brobygge/config';
import { TEST_RATE_LIMITS } from './processes';
import { cloneDatabase, databaseUrl, dropDatabase, uniqueName } from './database';
import { SmtpPeer, startSmtpPeer } from './smtp-peer';

export interface GqlResponse<T = Record<string, any>> {
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
  status: number;
  headers: Headers;
}

export interface StackOptions {
  api?: boolean;
  worker?: boolean;
  smtp?: boolean;
  env?: Record<string, string>;
}

export class TestStack {
  api?: INestApplication;
  worker?: INestApplicationContext;
  smtp?: SmtpPeer;
  url = '';

  constructor(
    readonly config: AppConfig,
    readonly dbName: string,
  ) {}

  get dataSource(): DataSource {
    return (this.api ?? this.worker)!.get(DataSource);
  }

  async gql<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    opts: { token?: string; headers?: Record<string, string>; url?: string } = {},
  ): Promise<GqlResponse<T>> {
    const res = await fetch(`${opts.url ?? this.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: GqlResponse['errors'] };
    return { ...body, status: res.status, headers: res.headers };
  }

  private extraApis: INestApplication[] = [];

  /** A second API process on the same database and Redis (statelessness tests). */
  async secondApi(): Promise<string> {
    const app = await createApi(this.config);
    this.extraApis.push(app);
    return (await app.getUrl()).replace('[::1]', '127.0.0.1');
  }

  async close(): Promise<void> {
    await this.worker?.close();
    for (const app of this.extraApis) await app.close();
    await this.api?.close();
    await this.smtp?.close();
    const redis = new Redis(this.config.REDIS_URL, { lazyConnect: true });
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.config.REDIS_PREFIX}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
    await dropDatabase(this.dbName);
  }
}

export function testConfig(dbName: string, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl(dbName),
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
    REDIS_PREFIX: uniqueName('bt'),
    LOG_LEVEL: 'silent',
    OUTBOX_POLL_MS: '50',
    RATE_LIMIT_LOGIN_PER_MINUTE: '10000',
    RATE_LIMITS: TEST_RATE_LIMITS,
    UNVERIFIED_DAILY_PROPOSALS: '1000000',
    UNVERIFIED_DAILY_INVITATIONS: '1000000',
    PUBLIC_URL: 'https://brobygge.test',
    MAIL_OUTBOX_DIR: `/tmp/${uniqueName('brobygge_outbox')}`,
    // A worker would e-mail the last half-year's follow-up to every coordinator a test makes; follow-up.e2e-spec.ts turns it on.
    FOLLOW_UP_PERIODS: 'off',
    ...env,
  });
}

async function createApi(config: AppConfig): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return app;
}

export async function startStack(opts: StackOptions = { api: true }): Promise<TestStack> {
  const template = process.env.BROBYGGE_TEST_TEMPLATE;
  if (!template) throw new Error('BROBYGGE_TEST_TEMPLATE is not set: run e2e tests through jest (global setup)');
  const dbName = await cloneDatabase(template);
  const smtp = opts.smtp ? await startSmtpPeer() : undefined;
  const config = testConfig(dbName, { ...(smtp ? { SMTP_URL: smtp.url } : {}), ...opts.env });
  const stack = new TestStack(config, dbName);
  stack.smtp = smtp;
  try {
    if (opts.api !== false) {
      stack.api = await createApi(config);
      stack.url = (await stack.api.getUrl()).replace('[::1]', '127.0.0.1');
    }
    if (opts.worker) {
      const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
        .overrideProvider(APP_CONFIG)
        .useValue(config)
        .compile();
      stack.worker = moduleRef;
      await moduleRef.init();
    }
  } catch (e) {
    await stack.close();
    throw e;
  }
  return stack;
}

/** Polls until `check` returns a value (not undefined/false), or fails after the timeout. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
